"""A stand-in for the origin's side of the edge contract, to try the VCL.

It answers what Masthead would once it speaks to the edge:
  - a fill (X-Edge-Fill: full | wall:<name>, no cookies): the variant, the
    same for every reader, with the story's id and whether the meter decides
    it (X-Story-Id, X-Story-Metered), its surrogate key (xkey: story-<id>),
    ESI for the meter note, and how long the edge may keep it (X-Edge-TTL);
  - anything else: "the origin decides" (here a marker page; in Masthead
    the access decision, which counts and signs a new receipt), never cacheable.

    python deploy/edge/stand_in_origin.py PAGE.html --port 8165

PAGE.html is a real article page; its meter notice paragraph becomes the
ESI include. Stories: /articles/<slug>/ for the slugs in STORIES.
"""

import argparse
import re
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# slug -> (id, metered). A premium story is not metered: a receipt never opens it.
STORIES = {
    "oil-climbs-as-producers-extend-output-cuts": (12, True),
    "another-metered-story": (13, True),
    "a-premium-story": (14, False),
}
_ESI_NOTE = '<esi:include src="/_edge/meter-note"/>'


class Origin(BaseHTTPRequestHandler):
    full_page: bytes = b""
    wall_page: bytes = b""
    decided = 0

    def do_GET(self):
        match = re.fullmatch(r"/articles/([a-z0-9-]+)/", self.path)
        story = STORIES.get(match.group(1)) if match else None
        fill = self.headers.get("X-Edge-Fill")
        if story and fill and "Cookie" not in self.headers:
            story_id, metered = story
            body = self.full_page if fill == "full" else self.wall_page
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("X-Story-Id", str(story_id))
            self.send_header("X-Story-Metered", "1" if metered else "0")
            self.send_header("X-Edge-Variant", fill)
            self.send_header("X-Edge-TTL", "3600")
            self.send_header("Vary", "Cookie")  # as Masthead's pages do
            self.send_header("xkey", f"story-{story_id}")
            self.send_header("Surrogate-Control", 'content="ESI/1.0"')
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        Origin.decided += 1
        body = f"origin decides {self.path} ({Origin.decided})\n".encode()
        self.send_response(200 if story else 404)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Cache-Control", "private, no-cache")
        self.send_header("X-Origin-Decided", "1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("page")
    parser.add_argument("--port", type=int, default=8165)
    args = parser.parse_args()
    html = open(args.page, encoding="utf-8").read()
    full = re.sub(r'<p class="meter-notice".*?</p>', _ESI_NOTE, html, count=1, flags=re.S)
    wall = re.sub(r"(<div class=\"article-body\".*?</p>).*?</div>", r"\1<div class=\"paywall\">Subscribe to read on</div></div>",
                  full, count=1, flags=re.S)
    Origin.full_page, Origin.wall_page = full.encode(), wall.encode()
    ThreadingHTTPServer(("127.0.0.1", args.port), Origin).serve_forever()


if __name__ == "__main__":
    main()
