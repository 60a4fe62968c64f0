package io.meshbench.app.replay;

import io.meshbench.live.MeshSession;
import io.meshbench.event.MeshEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mesh a recording shows, found in its events: the orchestrator (whose auctions are listed) and
 * every device, in the order first seen, with its NPU when a bid or the recording says so.
 *
 * @param orchestratorId the node that opened the first auction (or started as an orchestrator)
 * @param devices        the orchestrator first, then every other node
 */
public record RecordedMesh(String orchestratorId, List<MeshSession.Device> devices) {

    public static RecordedMesh of(List<MeshEvent> events) {
        String orchestrator = null;
        for (MeshEvent e : events) {
            if (e instanceof MeshEvent.AuctionOpened a) {
                orchestrator = a.node();
                break;
            }
        }
        Map<String, Boolean> npu = new LinkedHashMap<>();
        for (MeshEvent e : events) {
            switch (e) {
                case MeshEvent.NodeStarted s -> {
                    if (orchestrator == null && "orchestrator".equals(s.role())) {
                        orchestrator = s.node();
                    }
                    npu.putIfAbsent(s.node(), null);
                }
                case MeshEvent.AuctionOpened a -> a.peers().forEach(p -> npu.putIfAbsent(p, null));
                case MeshEvent.BidAccepted b -> npu.put(b.bid().deviceId(), b.bid().hasNpu());
                case MeshEvent.MetricSampled m -> npu.putIfAbsent(m.node(), null);
                default -> {
                }
            }
        }
        if (orchestrator == null) {
            orchestrator = npu.isEmpty() ? "Device_A" : npu.keySet().iterator().next();
        }
        List<MeshSession.Device> devices = new ArrayList<>();
        devices.add(new MeshSession.Device(orchestrator, null, true, false));
        for (Map.Entry<String, Boolean> d : npu.entrySet()) {
            if (!d.getKey().equals(orchestrator)) {
                devices.add(new MeshSession.Device(d.getKey(), d.getValue(), false, false));
            }
        }
        return new RecordedMesh(orchestrator, devices);
    }
}
