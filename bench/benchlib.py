"""What the benchmark drivers share: where the local platform listens, demo tokens, CPU per process."""
import http.client
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HOME = Path(os.environ.get("UNIONHUB_HOME", REPO / ".unionhub"))
GATEWAY_PORT = int(os.environ.get("UNIONHUB_GATEWAY_PORT", "8080"))
IDENTITY_PORT = int(os.environ.get("UNIONHUB_IDENTITY_PORT", "9000"))


def token(account):
    """An access token for a demo account from the local identity server."""
    connection = http.client.HTTPConnection("127.0.0.1", IDENTITY_PORT, timeout=10)
    connection.request("POST", "/demo/tokens", json.dumps({"account": account}), {"Content-Type": "application/json"})
    response = connection.getresponse()
    if response.status != 200:
        sys.exit("no demo token for %s: run UNIONHUB_GATEWAY_LIMITS_ENABLED=false ./unionhub up first" % account)
    return json.loads(response.read())["access_token"]


def cpu_ticks():
    """CPU ticks used so far by each platform process (pid files in .unionhub/run)."""
    ticks = {}
    for pid_file in (HOME / "run").glob("*.pid"):
        try:
            fields = Path("/proc/%s/stat" % pid_file.read_text().strip()).read_text().rsplit(")", 1)[1].split()
            ticks[pid_file.stem] = int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            pass
    return ticks
