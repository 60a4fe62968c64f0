package io.meshbench.app.devices;

import io.meshbench.adb.Adb;
import io.meshbench.adb.AdbException;
import io.meshbench.adb.DeviceInfo;
import io.meshbench.adb.DeviceMap;
import io.meshbench.adb.MeshAdb;
import io.meshbench.adb.NpuDetector;
import io.meshbench.event.EventBus;
import javafx.scene.Node;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Devices panel: real phones over ADB, through the same {@code io.meshbench.adb} API as
 * {@code meshbench devices|setup|start|stop|logs}. Lists the attached phones, detects a phone's NPU
 * with its evidence and takes the user's answer instead, sets the mesh up, starts and stops agents,
 * and follows their logs into the window's event stream. Every adb call blocks, so they run one at a
 * time on a worker thread; what adb says (not installed, no device, unauthorized, a phone gone)
 * becomes the panel's message, never an exception on the UI thread.
 */
public final class DevicesController implements AutoCloseable {

    /** Log lines of each phone shown when following starts, before the new ones. */
    static final int TAIL_LINES = 20;

    private final DevicesModel model = new DevicesModel();
    private final EventBus bus;
    private final Executor ui;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "meshbench-adb");
        t.setDaemon(true);
        return t;
    });
    /** The user's NPU answers by serial, for the next setup (true, false; absent: detect). */
    private final Map<String, Boolean> npuAnswers = new ConcurrentHashMap<>();
    private volatile MeshAdb adb;
    private volatile Path mapFile;
    private volatile LogFollower follower;
    private DevicesView view;

    /**
     * @param bus the window's event bus: followed logs become its events
     * @param ui  runs an action on the UI thread
     */
    public DevicesController(EventBus bus, Executor ui) {
        this.bus = bus;
        this.ui = ui;
        useAdb(Adb.onPath(), DeviceMap.defaultFile());
    }

    /** Which adb (binary and server port) and device map to use; the default is the PATH's adb and ~/.mesh_device_map. */
    public void useAdb(Adb adb, Path mapFile) {
        this.adb = new MeshAdb(adb, MeshAdb.DEFAULT_DIR);
        this.mapFile = mapFile;
    }

    public Node view() {
        if (view == null) {
            view = new DevicesView(model, this);
        }
        return view;
    }

    private interface Action {
        String run() throws Exception;
    }

    /** Runs an adb action on the worker; its message (or its failure's) ends up in the panel. */
    private CompletableFuture<String> run(Action action) {
        model.busy.set(true);
        CompletableFuture<String> done = new CompletableFuture<>();
        worker.execute(() -> {
            String message;
            boolean problem;
            try {
                message = action.run();
                problem = false;
            } catch (AdbException | IllegalArgumentException | IllegalStateException e) {
                message = e.getMessage();
                problem = true;
            } catch (Exception e) {
                message = "adb failed: " + e;
                problem = true;
            }
            String shown = message;
            boolean bad = problem;
            ui.execute(() -> {
                if (shown != null) {
                    model.message.set(shown);
                    model.problem.set(bad);
                }
                model.busy.set(false);
            });
            done.complete(shown);
        });
        return done;
    }

    /** Lists the attached phones again. */
    public CompletableFuture<String> refresh() {
        return run(this::list);
    }

    private String list() {
        List<DeviceInfo> devices = adb.devices();
        DeviceMap map = DeviceMap.read(mapFile);
        List<PhoneRow> rows = devices.stream().map(d -> PhoneRow.of(d, map.bySerial(d.serial()))).toList();
        ui.execute(() -> {
            String selected = model.selected.get() == null ? null : model.selected.get().serial();
            model.phones.setAll(rows);
            model.selected.set(rows.stream().filter(r -> r.serial().equals(selected)).findFirst().orElse(null));
        });
        if (rows.isEmpty()) {
            throw Adb.failure("-", "devices", "no devices/emulators found");
        }
        List<String> locked = rows.stream().filter(r -> r.state().equals("unauthorized")).map(PhoneRow::serial).toList();
        if (!locked.isEmpty()) {
            throw Adb.failure(String.join(", ", locked), "devices", "unauthorized");
        }
        List<String> offline = rows.stream().filter(r -> !r.ready()).map(r -> r.serial() + " (" + r.state() + ")")
                .toList();
        if (!offline.isEmpty()) {
            throw new AdbException("not ready: " + String.join(", ", offline) + ": reconnect its cable (or 'adb connect' "
                    + "again for Wi-Fi) and refresh");
        }
        long running = rows.stream().filter(r -> r.agent().equals("running")).count();
        return rows.size() + (rows.size() == 1 ? " phone" : " phones") + " attached, " + running + " with the agent running";
    }

    /** Selects a listed phone by serial (the table does this on a click). */
    public void select(String serial) {
        model.selected.set(model.phones.stream().filter(r -> r.serial().equals(serial)).findFirst().orElse(null));
    }

    void onSelected(PhoneRow row) {
        model.selected.set(row);
        Boolean answer = row == null ? null : npuAnswers.get(row.serial());
        model.npuChoice.set(answer == null ? DevicesModel.AUTO : answer ? "yes" : "no");
        model.evidence.set("");
    }

    private static PhoneRow requireReady(PhoneRow row) {
        if (row == null) {
            throw new IllegalStateException("Select a phone in the list first.");
        }
        if (!row.ready()) {
            throw Adb.failure(row.serial(), "devices", row.state());
        }
        return row;
    }

    /** Detects the selected phone's NPU and shows the evidence. */
    public CompletableFuture<String> detectNpu() {
        PhoneRow row = model.selected.get();
        return run(() -> {
            PhoneRow phone = requireReady(row);
            NpuDetector.Guess guess = adb.detectNpu(phone.serial());
            String text = "NPU: " + (guess.hasNpu() ? "yes" : "no") + (guess.vendor().isEmpty() ? "" : " (" + guess.vendor()
                    + ")") + "\n" + String.join("\n", guess.evidence().stream().map(e -> "  " + e).toList());
            ui.execute(() -> model.evidence.set(text));
            return phone.name() + ": NPU " + (guess.hasNpu() ? "detected" : "not detected")
                    + "; if that is wrong, choose yes or no and run setup";
        });
    }

    /** The user's NPU answer for the selected phone at the next setup: "yes", "no" or "detect". */
    public void setNpu(String choice) {
        PhoneRow row = model.selected.get();
        if (row == null || choice == null) {
            return;
        }
        model.npuChoice.set(choice);
        switch (choice) {
            case "yes" -> npuAnswers.put(row.serial(), true);
            case "no" -> npuAnswers.put(row.serial(), false);
            default -> npuAnswers.remove(row.serial());
        }
    }

    /** The original setup_mesh_direct.sh on every ready phone, with the panel's settings. */
    public CompletableFuture<String> setup() {
        SetupForm form = new SetupForm(model.port.get(), model.distinctPorts.get(), model.slmCommand.get(),
                model.laptop.get(), model.usb.get());
        Map<String, Boolean> answers = Map.copyOf(npuAnswers);
        return run(() -> {
            StringBuilder report = new StringBuilder();
            DeviceMap map = form.setup(answers).run(adb, mapFile, line -> report.append(line).append('\n'));
            Path peers = mapFile.resolveSibling(".mesh_peers");
            java.nio.file.Files.writeString(peers, map.laptopPeersTxt(form.laptopId(), form.laptopPort()));
            report.append("wrote ").append(peers).append('\n');
            String text = report.toString().strip();
            ui.execute(() -> model.evidence.set(text));
            list();
            return "set up " + map.entries().size() + (map.entries().size() == 1 ? " phone" : " phones") + "; next: Start"
                    + (form.laptopId() == null ? " (for an orchestrator on this laptop, give Laptop HOST:PORT and set up "
                    + "again)" : ", then watch them with meshbench --id " + form.laptopId() + " --peers " + peers);
        });
    }

    /** Starts the agent on the selected phone, or on every ready phone when none is selected. */
    public CompletableFuture<String> start() {
        return control("start");
    }

    public CompletableFuture<String> stop() {
        return control("stop");
    }

    private CompletableFuture<String> control(String action) {
        PhoneRow chosen = model.selected.get();
        List<PhoneRow> all = List.copyOf(model.phones);
        return run(() -> {
            List<PhoneRow> targets = chosen != null ? List.of(chosen) : all.stream().filter(PhoneRow::ready).toList();
            if (targets.isEmpty()) {
                throw Adb.failure("-", "devices", "no devices/emulators found");
            }
            StringBuilder out = new StringBuilder();
            for (PhoneRow t : targets) {
                Map<String, String> f = adb.control(t.serial(), action);
                out.append(out.isEmpty() ? "" : "; ").append(t.name()).append(": ").append(f.get("state"));
                LogFollower logs = follower;
                if (logs != null && f.get("state").equals("running")) {
                    logs.follow(t.serial(), f.getOrDefault("id", t.name()), TAIL_LINES);
                }
            }
            list();
            return out.toString();
        });
    }

    /** Follows every deployed agent's log into the event stream (and the panel), or stops following. */
    public CompletableFuture<String> follow(boolean on) {
        LogFollower old = follower;
        if (old != null) {
            old.close();
            follower = null;
        }
        model.following.set(on);
        if (!on) {
            return CompletableFuture.completedFuture(null);
        }
        LogFollower logs = new LogFollower(adb, bus, ui, this::onLines);
        follower = logs;
        List<PhoneRow> rows = List.copyOf(model.phones);
        return run(() -> {
            List<PhoneRow> deployed = rows.stream().filter(r -> r.ready() && !r.agent().equals("not deployed")).toList();
            if (deployed.isEmpty()) {
                throw new IllegalStateException("No phone has the agent yet: run Setup, then Start.");
            }
            for (PhoneRow r : deployed) {
                if (adb.hasLog(r.serial())) {
                    logs.follow(r.serial(), r.name(), TAIL_LINES);
                }
            }
            return "following the logs of " + String.join(", ", logs.following()) + " into the mesh views";
        });
    }

    private void onLines(List<LogFollower.Line> lines) {
        // On the UI thread in the window; a caller that runs it on the follower's thread may read the
        // lines from another (logLines), hence the lock.
        synchronized (model.logLines) {
            for (LogFollower.Line l : lines) {
                model.logLines.add(l.device() + "  " + l.text().replace('\t', ' '));
            }
            int over = model.logLines.size() - DevicesModel.MAX_LOG_LINES;
            if (over > 0) {
                model.logLines.remove(0, over);
            }
        }
    }

    /** The phones as listed now. */
    public List<PhoneRow> phones() {
        return List.copyOf(model.phones);
    }

    public String message() {
        return model.message.get();
    }

    public boolean problem() {
        return model.problem.get();
    }

    public String evidence() {
        return model.evidence.get();
    }

    public List<String> logLines() {
        synchronized (model.logLines) {
            return List.copyOf(model.logLines);
        }
    }

    /** Sets the setup fields, as typing would. */
    public void setSetupFields(String port, boolean distinctPorts, String slmCommand, String laptop, boolean usb) {
        model.port.set(port);
        model.distinctPorts.set(distinctPorts);
        model.slmCommand.set(slmCommand == null ? "" : slmCommand);
        model.laptop.set(laptop == null ? "" : laptop);
        model.usb.set(usb);
    }

    @Override
    public void close() {
        LogFollower logs = follower;
        if (logs != null) {
            logs.close();
        }
        worker.shutdownNow();
    }
}
