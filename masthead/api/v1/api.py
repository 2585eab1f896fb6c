"""Version 1 of the API, mounted at /api/v1/. A v2 would be a sibling
package with its own NinjaAPI and namespace, mounted beside this one."""

from ninja import NinjaAPI

from ..auth import app_token_or_anonymous
from ..errors import install_error_handlers
from . import account, epaper, reading, subscription

api = NinjaAPI(
    title="Masthead API",
    version="1",
    urls_namespace="api-v1",
    description=(
        "The reader's site for apps: articles gated exactly as on the web, sections, search, the e-paper, "
        "plans, and the logged-in reader's account, subscription (pause, plan changes, cancel), newsletters, devices and gifts. Log in with "
        "POST /api/auth/app/v1/auth/login and send the session token as X-Session-Token. Anonymous apps "
        "send back the X-Reader header they were given. Errors are {\"code\", \"message\"}. See docs/api.md."
    ),
    # Public endpoints take anonymous callers; the account router requires a token.
    auth=app_token_or_anonymous,
)
install_error_handlers(api)
api.add_router("", reading.router)
api.add_router("", epaper.router)
api.add_router("", account.router)
api.add_router("", subscription.router)
