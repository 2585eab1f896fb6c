"""deploy/edge/run-edge cannot reload a running edge: rotating a key (after
a leak, say) means stopping Varnish, which forgets every revocation it was
told of, so refunded and signed-out readers' entitlements open pages again
until they expire.

run-edge's reload path calls ``varnishadm -n DIR -T ADMIN -S SECRET``;
the Varnish the edge needs (Debian's, 7.x) refuses ``-n`` together with
``-S``/``-T`` ("-n is mutually exclusive with -S and -T"), so under
``set -e`` the script stops there: the new keys.vcl is written, the running
VCL keeps the old keys, and the script exits non-zero. The only way left to
take a key out of service is a restart; revocations live in the running
Varnish only (var.global), so a restart brings back every revoked token
still within its five minutes.

What should happen: run-edge on a running edge loads the new keys without
a restart ("VCL ... loaded"), and a token under the new signing key opens
pages at once.
"""

import os
import subprocess
import sys
import time

import pytest
import requests

from masthead.edge.tokens import edge_keys, entitlement_token
from masthead.testing.newsroom import BEYOND_LEAD_IN, make_story_with_hidden_sentence

from masthead.testing.edge import KEYS, RUN_EDGE, STANDS

pytestmark = pytest.mark.django_db(transaction=True)
NEW_KEYS = "k3:test-edge-key-three-0123456789abcdef012345678," + KEYS


def test_run_edge_rotates_a_key_on_a_running_edge(edge, live_server, settings, django_user_model):
    premium = make_story_with_hidden_sentence(is_premium=True)
    subscriber = django_user_model.objects.create_user(username="sub", email="sub@example.test", complimentary_access=True)
    listen = edge.removeprefix("http://")
    folder, admin = STANDS[edge]
    env = {**os.environ, "MASTHEAD_EDGE_KEYS": NEW_KEYS, "EDGE_DIR": str(folder), "EDGE_ADMIN": admin,
           "PYTHON": sys.executable}  # fmt: skip
    reload = subprocess.run([str(RUN_EDGE), listen, live_server.url.rsplit(":", 1)[1]], env=env, capture_output=True, text=True)
    assert reload.returncode == 0, f"run-edge on a running edge: {reload.stderr.strip()}"
    settings.MASTHEAD_EDGE_KEYS = NEW_KEYS  # the origin's side of the rotation

    token = entitlement_token(account=subscriber.pk, session="new-key-session", issued=int(time.time()), seconds=300,
                              keys=edge_keys(NEW_KEYS))  # fmt: skip
    page = requests.get(edge + premium.get_absolute_url(), cookies={"mt_ent": token})
    assert BEYOND_LEAD_IN in page.text and page.headers.get("X-Edge", "").startswith("subscriber")
