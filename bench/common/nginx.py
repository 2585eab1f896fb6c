"""nginx serving one static file: the hardware's ceiling for a page that size."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from common.helpers import HOST, ensure_tool, free_port
from common.server import process_tree, stop_group, wait_until_answers

NGINX_CONFIG = """
{user}
daemon off;
worker_processes {workers};
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
{temp_paths}
  default_type text/html;
  server {{
    listen {host}:{port};
    root {root}/www;
  }}
}}
"""


class StaticNginx:
    """A throw-away nginx in a temporary folder serving ``page.html``, with as
    many workers as granian has: the most this machine can send of a page that
    size."""

    def __init__(self, html: str, workers: int):
        self.nginx = ensure_tool("nginx", "nginx-light")
        self.root = Path(tempfile.mkdtemp(prefix="masthead-bench-nginx-"))
        (self.root / "www").mkdir()
        (self.root / "www" / "page.html").write_text(html)
        self.port = free_port()
        # Started as root, nginx's workers would switch to an account that
        # cannot read this private folder: keep them as our own user.
        user = "user root root;" if os.geteuid() == 0 else ""
        # Every temporary folder inside ours: nginx's defaults are the system's.
        temp_paths = "\n".join(
            f"  {kind}_temp_path {self.root}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        config = NGINX_CONFIG.format(
            user=user, workers=workers, root=self.root, host=HOST, port=self.port, temp_paths=temp_paths
        )
        (self.root / "nginx.conf").write_text(config)
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.nginx, "-p", str(self.root), "-c", str(self.root / "nginx.conf")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        )  # fmt: skip
        wait_until_answers(
            self.process, self.port, "/page.html", 10, lambda: self.process.stderr.read().decode()[-2000:], "nginx"
        )

    def processes(self) -> list[tuple[int, str, int]]:
        return process_tree(self.process.pid) if self.process is not None else []

    def stop(self) -> None:
        if self.process is not None:
            stop_group(self.process)
        self.process = None
        shutil.rmtree(self.root, ignore_errors=True)
