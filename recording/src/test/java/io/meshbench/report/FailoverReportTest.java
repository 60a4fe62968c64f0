package io.meshbench.report;

import io.meshbench.event.MeshEvent;
import io.meshbench.testing.SlowPhone;
import io.meshbench.auction.NpuFirstStrategy;
import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.sim.VirtualMesh;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run in which the winner dies mid-task: the report says so, beside its usual numbers. */
class FailoverReportTest {

    @Test
    void theReportCountsFailoversPeersDownAndNoViolation() {
        EventBus bus = new EventBus();
        List<MeshEvent> events = new ArrayList<>();
        bus.subscribe(events::add);
        VirtualMesh mesh = new VirtualMesh(VirtualMesh.Options.of(3), bus);
        List<String> ids = List.of("Device_A", "Phone_1", "Phone_2");
        mesh.add("Phone_1", SlowPhone.device("Phone_1"), ids); // the NPU phone: it wins
        mesh.add("Phone_2", SlowPhone.device("Phone_2"), ids);
        VirtualMesh.Node<Orchestrator> a = mesh.add("Device_A",
                new Orchestrator(Orchestrator.Settings.DEFAULT, new NpuFirstStrategy()), ids);
        mesh.at(Duration.ofMillis(100), () -> a.handler().submit(PromptRequest.of("Describe a sunset")));
        mesh.at(Duration.ofSeconds(1), () -> mesh.node("Phone_1").kill());
        mesh.runFor(Duration.ofSeconds(20));

        RunReport report = RunAnalyzer.analyze("failover", Map.of(), events, null);
        RunSummary.Failover failover = report.summary().failover();
        assertEquals(1, report.summary().completed());
        assertEquals(1, failover.failovers());
        assertEquals(1, failover.peersDown());
        assertEquals(0, failover.violations());
        String html = HtmlReport.render(report);
        assertTrue(html.contains("failovers (of 1 failed attempts)"), html);
        assertTrue(html.contains("times a peer went down"), html);
    }
}
