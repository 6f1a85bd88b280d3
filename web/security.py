"""Secret key, cookie flags and the security headers on every response."""

import secrets
from pathlib import Path

from flask import Flask, Response, abort, request

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
    app.before_request(_forms_only)
    app.after_request(_headers)


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
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Vary", "HX-Request")
    return response
