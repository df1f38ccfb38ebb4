"""The IPFE heartbeat workload in SimPy 3: the peer reference of `hasim bench`.

Reads a workload as JSON on stdin (mates, heartbeat, silence timeout, latency, duration, faults), runs the
same rules as hasim's IpfeServer (IPFE-2..4) and prints one JSON line: detections, deliveries, events, wall
seconds and peak RSS. Timers are cancelled by generation counters, as a SimPy model would do it.
"""
import json
import resource
import sys
import time

import simpy


def main():
    w = json.load(sys.stdin)
    mate = w["mate"]
    n = len(mate)
    hb, silence, latency, duration = w["heartbeat_ms"], w["silence_ms"], w["latency_ms"], w["duration_ms"]
    env = simpy.Environment()
    hear_mate = [False] * n
    deaf_since = [-1] * n
    alarmed = [False] * n
    generation = [0] * n
    cut = set()
    detections = []
    stats = {"delivered": 0, "events": 0}

    def raise_alarm(node):
        if not alarmed[node]:
            alarmed[node] = True
            detections.append([int(env.now), node, 1])

    def deliver(node, hears_you):
        def on_arrival(_event):
            stats["events"] += 1
            if (mate[node], node) in cut:
                return
            stats["delivered"] += 1
            hear_mate[node] = True
            generation[node] += 1
            arm_silence(node)
            if hears_you:
                deaf_since[node] = -1
            elif deaf_since[node] < 0:
                deaf_since[node] = env.now
            deaf_for = 0 if deaf_since[node] < 0 else env.now - deaf_since[node]
            if deaf_for >= silence:
                raise_alarm(node)
            elif deaf_since[node] < 0 and alarmed[node]:
                alarmed[node] = False
                detections.append([int(env.now), node, 0])
        return on_arrival

    def send(node):
        to = mate[node]
        if (node, to) not in cut:
            env.timeout(latency).callbacks.append(deliver(to, hear_mate[node]))

    def arm_silence(node):
        expected = generation[node]

        def on_silence(_event):
            stats["events"] += 1
            if generation[node] == expected:
                hear_mate[node] = False
                raise_alarm(node)
        env.timeout(silence).callbacks.append(on_silence)

    def heartbeats(node):
        while True:
            yield env.timeout(hb)
            stats["events"] += 1
            send(node)

    def faults():
        for at, a, b, heal in w["faults"]:
            yield env.timeout(at - env.now)
            if a < 0:
                cut.clear()
            elif heal:
                cut.discard((a, b))
                cut.discard((b, a))
            else:
                cut.add((a, b))
                cut.add((b, a))

    env.process(faults())
    for node in range(n):
        send(node)
        env.process(heartbeats(node))
        arm_silence(node)
    started = time.perf_counter()
    env.run(until=duration + 1)
    wall = time.perf_counter() - started
    print(json.dumps({"detections": detections, "delivered": stats["delivered"], "events": stats["events"],
                      "wall_s": wall, "peak_rss_bytes": peak_rss_bytes()}))


def peak_rss_bytes():
    """This process's own peak resident set (VmHWM). Not getrusage's ru_maxrss: Linux keeps the high-water
    mark from before exec, so a script started by a 1 GiB JVM reported the JVM's size as its own."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


if __name__ == "__main__":
    main()
