# Varnish 7.1 in front of the portal's gunicorn (deploy/README.md). Visitors share cached pages; members,
# pending messages, forms and the admin go straight to the app. The app names what each page shows in
# Surrogate-Key; the xkey vmod indexes objects by those tags so a save purges exactly the pages that show it
# (portal/caching/purge.py sends `PURGE /` with `xkey-purge: show:12 list:show`).
vcl 4.1;

import xkey;

backend portal {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may purge: the portal's own processes (gunicorn workers, manage.py) on this machine.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # Without tags nothing is purged: a bare PURGE must not empty the cache.
        if (!req.http.xkey-purge) {
            return (synth(400, "xkey-purge header required"));
        }
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.x-purged));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Personal pages: forms with CSRF tokens, the member's name, a message waiting to be shown.
    if (req.url ~ "^/(admin|accounts)/"
        || req.http.Authorization
        || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Any other cookie (csrftoken, analytics) changes nothing on a visitor's page.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Index the object by the app's tags (xkey also splits on spaces).
    set beresp.http.xkey = beresp.http.Surrogate-Key;
    # Cache only what the app declares shareable: never a response that sets a cookie, is private or
    # no-store, or states no lifetime at all. Hit-for-miss: the next response may be cacheable again.
    if (beresp.http.Set-Cookie
        || !beresp.http.Cache-Control
        || beresp.http.Cache-Control ~ "(?i)private|no-store|no-cache") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # The TTL already comes from s-maxage (before max-age, which is 0 for the browser's copy).
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.xkey;
    if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "HIT";
    } else {
        set resp.http.X-Varnish-Cache = "MISS";
    }
}
