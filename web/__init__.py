"""The web layer: the only package that imports Flask."""

from typing import Any

from flask import Flask
from flask_htmx import HTMX
from flask_wtf.csrf import CSRFProtect

from web import (
    access,
    account,
    admin,
    auth,
    caps,
    commands,
    corrections,
    cycle_drafts,
    cycles,
    dashboard,
    errors,
    groups,
    health,
    journal,
    library,
    logs,
    measure_charts,
    measure_context,
    measure_display,
    measures,
    method_records,
    methods,
    moments,
    names,
    opening,
    past,
    people,
    points,
    rendering,
    revisions,
    security,
    sessions,
    throttle,
    timeline,
    users,
)
from web.forms import KIND_LABELS
from web.forms.problems import messages, problems
from web.forms.registry import role_prefix
from web.services import KEY, build_services


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build a Learnloop web app: settings from LEARNLOOP_* and `config`, then services."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(MAX_FORM_MEMORY_SIZE=200_000, WTF_CSRF_TIME_LIMIT=None)
    app.config.from_mapping(caps.defaults())
    app.config.from_prefixed_env("LEARNLOOP")
    if config:
        app.config.from_mapping(config)
    logs.init_app(app)
    security.init_app(app)
    caps.init_app(app)
    CSRFProtect(app)
    HTMX(app)
    users.init_app(app)
    app.context_processor(access.can_in_template)
    app.teardown_appcontext(rendering.close)
    names.init_app(app)
    measure_display.init_app(app)
    measure_charts.init_app(app)
    moments.init_app(app)
    past.init_app(app)
    app.jinja_env.globals["kinds_of"] = KIND_LABELS
    app.jinja_env.globals["form_key"] = commands.form_key
    app.jinja_env.globals["role_prefix"] = role_prefix
    app.jinja_env.globals["problems"] = problems
    app.jinja_env.globals["messages"] = messages
    blueprints = (
        auth,
        account,
        groups,
        people,
        cycles,
        opening,
        journal,
        revisions,
        corrections,
        admin,
        timeline,
        library,
        methods,
        dashboard,
        method_records,
        measures,
        points,
        measure_context,
        health,
    )
    for module in blueprints:
        app.register_blueprint(module.bp)
    errors.init_app(app)
    app.extensions[KEY] = build_services(app)
    sessions.init_app(app, app.extensions[KEY].engine)
    throttle.init_app(app, app.extensions[KEY].engine)
    cycle_drafts.init_app(app, app.extensions[KEY].engine)
    return app
