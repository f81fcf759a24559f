"""HTTP clients of bench/cluster that must keep time on a busy machine: one python process each
instead of a curl, grep and sleep per request, whose start-up alone takes seconds when the two
cores are shared by three JVMs and three wrk.

  sample BASE KEY OUT              one POST /classify every 200 ms until SIGTERM; per line:
                                   send epoch ms, receive epoch ms, HTTP status, modelVersion
  send KEY DIR N SECONDS OUT BASE...
                                   the flagged comments DIR/1.json .. DIR/N.json, round-robin over
                                   the BASEs, spread evenly over SECONDS (4 clients per BASE);
                                   per line, in the order answered: sequence number,
                                   instance (1-based), send ms, receive ms, HTTP status,
                                   externalId, decision, queue id, modelVersion
Standard library only."""
import http.client
import json
import signal
import sys
import threading
import time
import urllib.parse

SAMPLE_BODY = json.dumps({"content": "Thanks for the detailed walkthrough, the second example finally made it clear to me."})


def now_ms():
    return int(time.time() * 1000)


class Client:
    """One keep-alive connection to BASE, opened again after any failure."""

    def __init__(self, base, key):
        u = urllib.parse.urlparse(base)
        self.host, self.port, self.key = u.hostname, u.port, key
        self.conn = None

    def classify(self, body, timeout):
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
            self.conn.request("POST", "/classify", body=body.encode("utf-8"),
                              headers={"Content-Type": "application/json", "X-Api-Key": self.key})
            r = self.conn.getresponse()
            data = r.read()
            try:
                return r.status, json.loads(data)
            except ValueError:
                return r.status, {}
        except (OSError, http.client.HTTPException):
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            return 0, {}


def sample(base, key, out):
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    client = Client(base, key)
    with open(out, "w", encoding="utf-8", buffering=1) as f:
        while not stop:
            sent = now_ms()
            status, answer = client.classify(SAMPLE_BODY, 10)
            f.write(f"{sent} {now_ms()} {status:03d} {answer.get('modelVersion', '')}\n")
            time.sleep(0.2)


# Clients per instance for the flagged comments: under load an answer can take longer than the
# gap between two comments for the same instance, and one client would then fall behind.
SENDERS_PER_INSTANCE = 4


def send(key, directory, n, seconds, out, bases):
    """Comment i goes to instance (i - 1) % len(bases) at start + (i - 1) * seconds / n, sent by
    one of that instance's SENDERS_PER_INSTANCE clients (each its own thread and connection)."""
    gap = seconds / n if n else 0
    start = time.monotonic()
    lock = threading.Lock()
    workers = len(bases) * SENDERS_PER_INSTANCE

    def run(worker, f):
        instance = worker % len(bases)
        client = Client(bases[instance], key)
        for i in range(worker + 1, n + 1, workers):
            wait = start + (i - 1) * gap - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            body = open(f"{directory}/{i}.json", encoding="utf-8").read()
            sent = now_ms()
            status, answer = client.classify(body, 30)
            line = (f"{i} {instance + 1} {sent} {now_ms()} {status:03d} {json.loads(body)['externalId']} "
                    f"{answer.get('decision', '-')} {answer.get('id', '-')} {answer.get('modelVersion', '-')}\n")
            with lock:
                f.write(line)

    with open(out, "w", encoding="utf-8", buffering=1) as f:
        threads = [threading.Thread(target=run, args=(k, f)) for k in range(workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


def main():
    cmd = sys.argv[1]
    if cmd == "sample":
        sample(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "send":
        send(sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), sys.argv[6], sys.argv[7:])
    else:
        raise SystemExit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
