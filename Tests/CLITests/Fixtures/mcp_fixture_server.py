"""An MCP server for tests, on the official Python SDK.

  python mcp_fixture_server.py stdio
  python mcp_fixture_server.py noisy        (stdio, after a stray line on stdout)
  python mcp_fixture_server.py resources    (stdio, also offering resources)
  python mcp_fixture_server.py http TOKEN [NAME=VALUE...]
      (prints "PID PORT"; requires "Bearer TOKEN" and each header NAME with VALUE)

Tools: echo(text) answers the text; wait(seconds) answers after that long;
die() ends the server's process in the middle of the call; env(name) answers the
value of an environment variable of the server.
"""

import asyncio
import os
import socket
import sys
import threading
import time

from mcp.server.mcpserver import MCPServer

server = MCPServer("fixture")


@server.tool()
def echo(text: str) -> str:
    """Answer with the text given."""
    return "echo: " + text


@server.tool()
async def wait(seconds: float) -> str:
    """Answer after the given number of seconds."""
    await asyncio.sleep(seconds)
    return "waited"


@server.tool()
def env(name: str) -> str:
    """Answer the value of one of the server's environment variables."""
    return name + "=" + os.environ.get(name, "<unset>")


@server.tool()
def die() -> str:
    """End the server process during the call."""
    os._exit(7)


def exit_with_test_process():
    """Under the test suite (CODEX_TEST_PARENT set), leave when the test process is gone:
    a test process that crashed cannot stop its servers."""
    parent = os.environ.get("CODEX_TEST_PARENT")
    if not parent:
        return

    def watch():
        while os.getppid() == int(parent):
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def serve_http(token: str, required: dict) -> None:
    import uvicorn

    app = server.streamable_http_app()

    async def guarded(scope, receive, send):
        if scope["type"] == "http":
            headers = dict(scope.get("headers") or [])
            wrong = [name for name, value in required.items()
                     if headers.get(name.lower().encode(), b"").decode() != value]
            if headers.get(b"authorization", b"").decode() != "Bearer " + token or wrong:
                await send({"type": "http.response.start", "status": 401, "headers": []})
                await send({"type": "http.response.body", "body": b"unauthorized"})
                return
        await app(scope, receive, send)

    exit_with_test_process()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    print(os.getpid(), sock.getsockname()[1], flush=True)
    config = uvicorn.Config(guarded, log_level="warning", lifespan="on")
    asyncio.run(uvicorn.Server(config).serve(sockets=[sock]))


if __name__ == "__main__":
    if sys.argv[1] == "http":
        serve_http(sys.argv[2], dict(pair.split("=", 1) for pair in sys.argv[3:]))
    else:
        if sys.argv[1] == "noisy":
            print("fixture server starting up", flush=True)
        if sys.argv[1] == "resources":
            @server.resource("notes://readme", name="readme", mime_type="text/plain")
            def readme() -> str:
                """The project's notes."""
                return "The fixture's notes: remember the number 271828."

            @server.resource("notes://day/{day}", name="day")
            def day(day: str) -> str:
                """Notes of one day."""
                return "notes of " + day
        server.run("stdio")
