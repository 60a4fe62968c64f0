/**
 * The MeshBench plugin SPI: the only types a plugin author compiles against.
 *
 * <p>Three kinds of plugin exist, each found with {@link java.util.ServiceLoader} through its
 * provider interface:
 * <ul>
 *   <li>{@link io.meshbench.plugin.api.MetricSourceProvider} makes a {@link io.meshbench.plugin.api.MetricSource}
 *       that samples CPU load, RAM load, battery and NPU of a device;</li>
 *   <li>{@link io.meshbench.plugin.api.SlmEngineProvider} makes an {@link io.meshbench.plugin.api.SlmEngine}
 *       that runs a prompt through a small language model;</li>
 *   <li>{@link io.meshbench.plugin.api.SelectionStrategy} ranks the bids of one auction, optionally knowing
 *       more about it through {@link io.meshbench.plugin.api.AuctionInfo} (outstanding work, history).</li>
 * </ul>
 * Every provider is a {@link io.meshbench.plugin.api.Plugin}: it reports its name, version and a
 * description, which {@code meshbench plugins} lists.
 * Each plugin instance receives a {@link io.meshbench.plugin.api.PluginContext} owned by the host:
 * its configuration, a clock, a scheduler, a logger and a seeded random source. A plugin never
 * reads the wall clock or starts timers of its own, so the same plugin runs unchanged in the live
 * runtime and in virtual time.
 */
package io.meshbench.plugin.api;
