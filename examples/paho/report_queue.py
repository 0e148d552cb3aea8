# A paho-mqtt client that publishes an MQTT Gauge client report about its own outgoing queue every second.
"""Report a paho-mqtt client's queue to MQTT Gauge.

The client publishes a version 1 client report (JSON) on
``gauge/report/<client id>`` every ``--every`` seconds. With ``--flood N`` it
also publishes N QoS 1 messages on ``--topic`` as fast as it can, so that a
small queue (``--max-queued``) overflows and paho refuses publishes with
MQTT_ERR_QUEUE_SIZE; the report counts those refusals.

Written for paho-mqtt 1.6.x (Debian's python3-paho-mqtt). Only what paho
exposes publicly, or what this program sets or counts itself, goes into the
report: see README.md beside this file for the fields left out and why.
"""

import argparse
import json
import signal
import sys
import threading
import time

import paho.mqtt
import paho.mqtt.client as mqtt

REPORT_VERSION = 1
REPORT_TOPIC_PREFIX = "gauge/report/"


class QueueReporter:
    """Wraps one paho client: counts its publishes and reports them."""

    def __init__(self, client_id, max_inflight, max_queued):
        self.client_id = client_id
        # Both bounds are this program's own settings: paho has setters for
        # them but no getters, so the report repeats what we asked for.
        self.max_inflight = max_inflight
        self.max_queued = max_queued

        # Counters, touched by the publishing thread and read by the reporting
        # thread; the lock keeps a report from seeing one updated and not the other.
        self.lock = threading.Lock()
        self.accepted = 0
        self.failed_try_publish = 0
        self.other_errors = 0  # any other rc from publish(); printed at the end, not a report field
        self.connection = "connecting"
        self.reconnects = 0
        self.ever_connected = False
        self.stopping = False
        self.connected_event = threading.Event()

        self.client = mqtt.Client(client_id=client_id, protocol=mqtt.MQTTv311)
        # max_inflight_messages_set: how many QoS 1/2 publishes may await their
        # acknowledgement at once; the rest wait in paho's queue.
        self.client.max_inflight_messages_set(max_inflight)
        # max_queued_messages_set: the bound of paho's outgoing queue of QoS 1/2
        # messages (those in flight included). When it is full, publish() returns
        # at once with rc MQTT_ERR_QUEUE_SIZE instead of blocking: paho's try_publish.
        self.client.max_queued_messages_set(max_queued)
        self.client.reconnect_delay_set(min_delay=1, max_delay=10)
        self.client.on_connect = self.on_connect
        self.client.on_disconnect = self.on_disconnect

    # --- connection state, from paho's callbacks (they run on paho's network thread)

    def on_connect(self, client, userdata, flags, rc):
        with self.lock:
            if rc != mqtt.CONNACK_ACCEPTED:
                # Refused by the broker; paho's loop will try again.
                self.connection = "connecting"
                return
            if self.ever_connected:
                self.reconnects += 1
            self.ever_connected = True
            self.connection = "connected"
        self.connected_event.set()

    def on_disconnect(self, client, userdata, rc):
        with self.lock:
            # rc 0 means we asked for it; anything else is a lost connection,
            # which paho's background loop (loop_start) reconnects by itself.
            self.connection = "disconnected" if rc == mqtt.MQTT_ERR_SUCCESS or self.stopping else "connecting"

    # --- counted publishes: the application's own traffic

    def publish_counted(self, topic, payload, qos):
        """Publishes one application message and counts how paho took it."""
        info = self.client.publish(topic, payload, qos=qos)
        with self.lock:
            if info.rc == mqtt.MQTT_ERR_QUEUE_SIZE:
                # Refused: the queue already holds max_queued messages.
                self.failed_try_publish += 1
            elif info.rc in (mqtt.MQTT_ERR_SUCCESS, mqtt.MQTT_ERR_NO_CONN) and qos > 0:
                # Accepted into the queue. For QoS 1/2, NO_CONN still means the
                # message was queued: paho sends it once it has reconnected.
                self.accepted += 1
            elif info.rc == mqtt.MQTT_ERR_SUCCESS:
                self.accepted += 1
            else:
                self.other_errors += 1
        return info

    def flood(self, topic, count, qos=1):
        """Publishes `count` messages as fast as possible, so a small queue overflows."""
        for i in range(count):
            self.publish_counted(topic, "flood %d" % i, qos)

    # --- the report

    def report(self):
        """The client report, version 1, with only the fields this client really knows."""
        with self.lock:
            return {
                "version": REPORT_VERSION,
                "time": int(time.time() * 1000),
                "clientId": self.client_id,
                "library": "paho-mqtt %s" % paho.mqtt.__version__,
                "capacity": self.max_queued,
                "maxInflight": self.max_inflight,
                "accepted": self.accepted,
                "failedTryPublish": self.failed_try_publish,
                "connection": self.connection,
                "reconnects": self.reconnects,
                # Left out on purpose: "depth", "inflight" and "pending" (paho 1.6
                # keeps them only in private attributes, _out_messages and
                # _inflight_messages, which this example does not read) and
                # "dropped" (paho keeps an accepted QoS 1/2 message until it is
                # acknowledged, resending it after a reconnect, and counts none).
            }

    def publish_report(self):
        """Publishes one report, outside the counted path and outside the queue.

        A report must never be refused by the queue it reports on. In paho 1.6
        max_queued_messages bounds only QoS 1/2 messages; a QoS 0 publish goes
        straight to the outgoing packet buffer and is never refused with
        MQTT_ERR_QUEUE_SIZE. It is also not passed through publish_counted(),
        so reports never show up in their own accepted count. If the client is
        not connected the report is simply lost (rc NO_CONN), which is what a
        report about a disconnected client should do.
        """
        payload = json.dumps(self.report(), separators=(",", ":"))
        self.client.publish(REPORT_TOPIC_PREFIX + self.client_id, payload, qos=0)


def reporting_loop(reporter, every, stop):
    """Runs on its own thread, so reports keep coming while the main thread floods."""
    while not stop.wait(every):
        reporter.publish_report()


def main(argv=None):
    parser = argparse.ArgumentParser(description="A paho-mqtt client that reports its own queue to MQTT Gauge.")
    parser.add_argument("--host", default="127.0.0.1", help="broker host (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=1883, help="broker port (default 1883)")
    parser.add_argument("--client-id", default="paho-reporter", help="MQTT client id; also names the report topic")
    parser.add_argument("--max-inflight", type=int, default=1, help="max_inflight_messages_set (default 1)")
    parser.add_argument("--max-queued", type=int, default=10, help="max_queued_messages_set, the queue's capacity (default 10)")
    parser.add_argument("--every", type=float, default=1.0, help="seconds between reports (default 1)")
    parser.add_argument("--flood", type=int, default=0, metavar="N", help="publish N QoS 1 messages as fast as possible")
    parser.add_argument("--topic", default="gauge/flood", help="topic of the flood (default gauge/flood)")
    parser.add_argument("--seconds", type=float, default=None, metavar="S",
                        help="run S seconds after connecting, then disconnect cleanly (default: until interrupted)")
    args = parser.parse_args(argv)

    reporter = QueueReporter(args.client_id, args.max_inflight, args.max_queued)
    client = reporter.client
    client.connect(args.host, args.port, keepalive=30)
    client.loop_start()  # paho's network thread: reads, writes, keepalives, reconnects
    if not reporter.connected_event.wait(30):
        print("no CONNACK from %s:%d within 30 s" % (args.host, args.port), file=sys.stderr)
        client.loop_stop()
        return 2
    started = time.monotonic()

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    reporter.publish_report()
    thread = threading.Thread(target=reporting_loop, args=(reporter, args.every, stop), daemon=True)
    thread.start()

    if args.flood > 0:
        reporter.flood(args.topic, args.flood)
        # One report as soon as the flood is over, so its totals are seen at once.
        reporter.publish_report()

    if args.seconds is None:
        stop.wait()
    else:
        stop.wait(max(0.0, args.seconds - (time.monotonic() - started)))
    stop.set()
    thread.join()

    # A last report, then a clean DISCONNECT: paho writes its packets in order,
    # so the report leaves before the DISCONNECT does.
    reporter.publish_report()
    with reporter.lock:
        reporter.stopping = True
        summary = {"accepted": reporter.accepted, "failedTryPublish": reporter.failed_try_publish,
                   "otherErrors": reporter.other_errors, "reconnects": reporter.reconnects}
    client.disconnect()
    client.loop_stop()
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
