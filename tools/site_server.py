"""Serving the built site on 127.0.0.1 and finding chromium: shared by the browser tests and tools/page_weight.py."""
import functools, http.server, os, shutil, threading
from pathlib import Path

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

def find_chromium():
    "Debian's chromium (or the Chrome/Chromium a CI runner has), or $CHROMIUM."
    if os.environ.get('CHROMIUM'): return os.environ['CHROMIUM']
    return next(filter(None, map(shutil.which, ['chromium', 'google-chrome', 'chromium-browser'])), None)

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    "Serves a directory without logging; a missing file gets the site's 404.html, as GitHub Pages does."
    def log_message(self, *args): pass
    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory)/'404.html'
        if code != 404 or not page.exists(): return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header('Content-Type', 'text/html; charset=utf-8')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        if self.command != 'HEAD': self.wfile.write(body)

def serve(directory):
    "Serve `directory` on 127.0.0.1 (a free port) in a thread: `(server, base URL)`."
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(QuietHandler, directory=str(directory)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f'http://127.0.0.1:{srv.server_port}/'
