"""Secret key, cookie flags, the trusted proxies and the security headers on every response."""

import secrets
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask, Response, abort, request
from werkzeug.middleware.proxy_fix import ProxyFix

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

HSTS = "max-age=31536000; includeSubDomains"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'self'; frame-ancestors 'none'; object-src 'none'"
)


def init_app(app: Flask) -> None:
    """Give the app a secret key and add the headers to every response."""
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    # Flask's defaults hold these keys already, so setdefault would change nothing.
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    # Served over HTTPS (say behind a proxy that terminates TLS): cookies only go over it.
    if app.config.get("PREFERRED_URL_SCHEME") == "https":
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    app.wsgi_app = SecureCookies(app.wsgi_app)  # type: ignore[method-assign]
    _trust_proxies(app, int(app.config.get("TRUSTED_PROXIES") or 0))
    app.before_request(_forms_only)
    app.after_request(_headers)


def _trust_proxies(app: Flask, hops: int) -> None:
    # Behind `hops` reverse proxies, the client's address, the scheme and the host are
    # the ones the nearest `hops` proxies say; with none trusted, X-Forwarded-* headers
    # are ignored, or anyone could pick their own address (and throttling key) by one.
    if hops < 0:
        raise ValueError("LEARNLOOP_TRUSTED_PROXIES must be 0 or more.")
    if hops:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops
        )


class SecureCookies:
    """Over HTTPS every cookie is Secure, whatever PREFERRED_URL_SCHEME says."""

    def __init__(self, app: "WSGIApplication") -> None:
        self.app = app

    def __call__(
        self, environ: "WSGIEnvironment", start_response: "StartResponse"
    ) -> Iterable[bytes]:
        """Add Secure to each Set-Cookie of a response to an HTTPS request."""
        if environ.get("wsgi.url_scheme") != "https":
            return self.app(environ, start_response)

        # Here rather than in an after_request hook: Flask sets the session cookie after
        # those have run.
        def start(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
            secured = [
                (name, f"{value}; Secure")
                if name.lower() == "set-cookie" and "; secure" not in value.lower()
                else (name, value)
                for name, value in headers
            ]
            return start_response(status, secured, *exc_info)

        return self.app(environ, start)


def _instance_secret(folder: Path) -> str:
    # Never a default key in the code: one is made on first start and kept in
    # the instance folder, so sessions survive a restart.
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _forms_only() -> None:
    # Every form posts as a form; a JSON body would be read as one and trip WTForms up.
    if request.method == "POST" and request.is_json:
        abort(415)


def _headers(response: Response) -> Response:
    if request.is_secure:
        # Over HTTPS (directly, or as a trusted proxy says) browsers keep to it for a year.
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    # The same address answers with a fragment or a whole page by these (rendering.py).
    response.headers.setdefault("Vary", "HX-Request, HX-Boosted, HX-History-Restore-Request")
    return response
