"""One shape for every error the API answers, whoever answers it (a view, the throttle, an unknown address):

    {"error": {"status": 400, "message": "year: Select a valid choice.", "fields": {"year": ["…"]}}}

`fields` names each invalid querystring parameter with its messages; it is {} when the error is not about a
parameter (404, 405, 429). The OpenAPI schema documents the shape as `Error` (document_errors).
"""

from django.http import JsonResponse
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "message", "fields"],
            "properties": {
                "status": {"type": "integer", "description": "The HTTP status, repeated."},
                "message": {"type": "string", "description": "What went wrong, for people."},
                "fields": {
                    "type": "object",
                    "description": "Per invalid querystring parameter, its messages.",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    },
}

# What every operation may answer besides its data (405 is for methods the schema does not list).
DOCUMENTED_ERRORS = {
    "400": "An invalid querystring parameter: `fields` names it.",
    "404": "No such object, or no such page of results.",
    "429": "Too many requests from this address: wait `Retry-After` seconds.",
}


def error_body(status, message, fields=None):
    return {"error": {"status": status, "message": message, "fields": fields or {}}}


def error_response(status, message, fields=None, headers=None):
    """An error answered outside DRF's views: by the throttle, or for an address the API does not have."""
    return JsonResponse(error_body(status, message, fields), status=status, headers=headers)


def field_messages(detail):
    """A ValidationError's detail as {parameter: [message, …]}."""
    if not isinstance(detail, dict):
        return {}
    return {
        str(name): [str(message) for message in (messages if isinstance(messages, list) else [messages])]
        for name, messages in detail.items()
    }


def invalid_message(fields):
    if len(fields) == 1:
        (name, messages), *_ = fields.items()
        return f"{name}: {' '.join(messages)}"
    return f"Invalid parameters: {', '.join(fields)} (see fields)."


def exception_handler(exc, context):
    """DRF's handler (APIException, Http404, PermissionDenied), with the body in the API's error shape."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # not an expected error: Django's 500, logged
    if isinstance(exc, exceptions.ValidationError):
        fields = field_messages(exc.detail)
        message = invalid_message(fields) if fields else " ".join(map(str, exc.detail))
        response.data = error_body(response.status_code, message, fields)
    elif isinstance(exc, exceptions.MethodNotAllowed):
        method = context["request"].method
        message = f"{method} is not allowed: the API is read-only (GET, HEAD, OPTIONS)."
        response.data = error_body(405, message)
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else response.data
        response.data = error_body(response.status_code, str(detail))
    return response


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation documents the error shape for its errors."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in DOCUMENTED_ERRORS.items():
                responses.setdefault(status, {"description": description, "content": content})
            responses["429"].setdefault(
                "headers",
                {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}},
            )
    return result
