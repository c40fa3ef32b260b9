"""Import and export in the admin (django-import-export), the same way on every page that has them.

An import is checked in full first (a dry run, rolled back) and shown as a preview; only a file without a
failing row offers "Confirm import", and the confirmed import runs in one transaction that a failing row
rolls back whole. Each import page links a template file: the resource's columns and an example row.
"""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV


class ImportExportWithTemplateMixin(ImportExportMixin):
    import_template_name = "admin/imports/import.html"
    import_formats = [CSV]
    export_formats = [CSV]

    def has_import_permission(self, request):
        # An import adds and changes rows: only for those who may do both (not, say, a moderator).
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_urls(self):
        template = path(
            "import/template.csv",
            self.admin_site.admin_view(self.import_file_template_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_import_template",
        )
        return [template, *super().get_urls()]

    def import_file_template_view(self, request):
        """A CSV file with the import's columns and an example row, to fill in and upload."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        resource = self.get_import_resource_classes(request)[0]
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=resource.template_headers(), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(resource.example_rows)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        filename = f"{self.opts.model_name}-import-template.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        resource = self.get_import_resource_classes(None)[0]
        context["import_file_template_url"] = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_import_template"
        )
        context["import_help"] = resource.import_help
        return context

    def get_import_data_kwargs(self, **kwargs):
        # A row that fails validation rolls back the whole file, as a row that raises does.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_result(self, result, request):
        # The confirmed import reads the file again; if it fails now (the data changed since the preview),
        # it was rolled back: say so instead of "Import finished".
        if result.has_errors() or result.has_validation_errors():
            lines = sorted(
                {line for line, _errors in result.row_errors()} | {row.number for row in result.invalid_rows}
            )
            where = f" (lines {', '.join(map(str, lines))})" if lines else ""
            messages.error(request, f"Nothing was imported: some rows failed{where}. Upload the file again.")
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import"))
        return super().process_result(result, request)
