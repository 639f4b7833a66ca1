package io.homegrid.launcher;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.homegrid.gateway.community.Battery;
import io.homegrid.launcher.internal.community.CommunityCharts;
import io.homegrid.launcher.internal.community.CommunitySimulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./homegrid simulate-community}: the community agent's controller over simulated
 * households, faster than real time; the peak without and with the batteries, as the P2P
 * community seed reports it (1,000 homes, 23 batteries: 45.9 kW -> 36.7 kW, -20 %).
 */
@Command(name = "simulate-community", mixinStandardHelpOptions = true,
        description = "Peak shaving with home batteries over a simulated community: the load without and with them.")
final class SimulateCommunityCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--homes", defaultValue = "1000", description = "households (default: ${DEFAULT-VALUE})")
    private int homes;

    @Option(names = "--batteries", defaultValue = "23", description = "homes with a battery (default: ${DEFAULT-VALUE})")
    private int batteries;

    @Option(names = "--days", defaultValue = "7", description = "days simulated, minute by minute (default: ${DEFAULT-VALUE})")
    private int days;

    @Option(names = "--capacity-kwh", defaultValue = "10", description = "each battery's capacity (default: ${DEFAULT-VALUE})")
    private double capacityKwh;

    @Option(names = "--discharge-kw", defaultValue = "5", description = "each battery's maximum charge and discharge power (default: ${DEFAULT-VALUE})")
    private double powerKw;

    @Option(names = "--efficiency", defaultValue = "0.9", description = "round-trip efficiency (default: ${DEFAULT-VALUE})")
    private double efficiency;

    @Option(names = "--reserve", defaultValue = "0.1", description = "share of the capacity kept for the home (default: ${DEFAULT-VALUE})")
    private double reserve;

    @Option(names = "--ramp-kw", defaultValue = "5", description = "largest setpoint change a minute (default: ${DEFAULT-VALUE})")
    private double rampKw;

    @Option(names = "--delay-minutes", defaultValue = "1", description = "how late each battery learns the residual load (default: ${DEFAULT-VALUE})")
    private int delay;

    @Option(names = "--upper-kw", description = "discharge above this residual load (default: 80 % of the peak without batteries)")
    private Double upperKw;

    @Option(names = "--lower-kw", description = "recharge below this residual load (default: the mean load)")
    private Double lowerKw;

    @Option(names = "--pv-share", defaultValue = "0.2", description = "share of homes with PV (default: ${DEFAULT-VALUE})")
    private double pvShare;

    @Option(names = "--pv-kwp", defaultValue = "1", description = "each PV array's peak power (default: ${DEFAULT-VALUE})")
    private double pvKwp;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the households and the sky (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--png", description = "write the load without and with the batteries to this PNG")
    private Path png;

    @Option(names = "--sweep", description = "also the peak reduction for 0-50 batteries and for 1-10 kW each, as tables (and PNGs next to --png)")
    private boolean sweep;

    @Override
    public Integer call() throws Exception {
        check();
        PrintWriter out = spec.commandLine().getOut();
        CommunitySimulation.Setup setup = setup(batteries, powerKw);
        double[] load = CommunitySimulation.load(setup);
        CommunitySimulation.Result result = CommunitySimulation.run(setup, load);
        out.printf("%d homes, %d batteries (%.0f kWh, %.1f kW), %d days: peak %.1f kW -> %.1f kW (%.1f %%)%n", homes,
                batteries, capacityKwh, powerKw, days, result.peakBeforeW() / 1000, result.peakAfterW() / 1000,
                -result.reductionPercent());
        out.printf("  limits: discharge above %.1f kW, recharge below %.1f kW; energy shifted %.1f kWh, %.2f cycles"
                + " per battery%n", result.upperW() / 1000, result.lowerW() / 1000, result.dischargedWh() / 1000,
                result.cyclesPerBattery());
        if (png != null) {
            CommunityCharts.load(result, batteries, png);
            out.printf("  plot: %s%n", png.toAbsolutePath());
        }
        if (sweep) {
            Map<Double, Double> byCount = new LinkedHashMap<>();
            for (int count = 0; count <= 50; count += 5) {
                byCount.put((double) count, CommunitySimulation.run(setup(count, powerKw), load).reductionPercent());
            }
            byCount.put((double) batteries, result.reductionPercent());
            Map<Double, Double> byPower = new LinkedHashMap<>();
            for (double kw : new double[] {0.5, 1, 2, 3, 4, 5, 7, 10}) {
                byPower.put(kw, CommunitySimulation.run(setup(batteries, kw), load).reductionPercent());
            }
            out.println("  batteries -> peak reduction: " + table(byCount, "%.0f"));
            out.println("  kW each (" + batteries + " batteries) -> peak reduction: " + table(byPower, "%.1f"));
            if (png != null) {
                String base = png.getFileName().toString().replaceFirst("\\.png$", "");
                CommunityCharts.curve("Peak reduction against batteries (" + powerKw + " kW each)", "batteries",
                        new java.util.TreeMap<>(byCount), png.resolveSibling(base + "-batteries.png"));
                CommunityCharts.curve("Peak reduction against discharge power (" + batteries + " batteries)",
                        "kW per battery", byPower, png.resolveSibling(base + "-power.png"));
            }
        }
        out.flush();
        return 0;
    }

    /** Refuses what no community or battery can be, naming the option, before a minute is simulated. */
    private void check() {
        require(homes >= 1, "--homes", "at least 1", homes);
        require(batteries >= 0 && batteries <= homes, "--batteries", "from 0 to --homes (" + homes + ")", batteries);
        require(days >= 1 && days <= 366, "--days", "from 1 to 366", days);
        require(capacityKwh > 0, "--capacity-kwh", "above 0 (a battery that holds something)", capacityKwh);
        require(powerKw > 0, "--discharge-kw", "above 0", powerKw);
        require(efficiency > 0 && efficiency <= 1, "--efficiency", "above 0 and at most 1", efficiency);
        require(reserve >= 0 && reserve < 1, "--reserve", "from 0 to below 1", reserve);
        require(rampKw > 0, "--ramp-kw", "above 0", rampKw);
        require(delay >= 0, "--delay-minutes", "0 or more", delay);
        require(pvShare >= 0 && pvShare <= 1, "--pv-share", "from 0 to 1", pvShare);
        require(pvKwp >= 0, "--pv-kwp", "0 or more", pvKwp);
        if (upperKw != null && lowerKw != null) {
            require(lowerKw <= upperKw, "--lower-kw", "at most --upper-kw (" + upperKw + ")", lowerKw);
        }
    }

    private void require(boolean holds, String option, String rule, Object was) {
        if (!holds) {
            throw new ParameterException(spec.commandLine(), option + " must be " + rule + "; was " + was);
        }
    }

    private CommunitySimulation.Setup setup(int count, double kw) {
        return new CommunitySimulation.Setup(homes, count, days, new Battery(capacityKwh * 1000, kw * 1000, kw * 1000,
                efficiency), reserve, rampKw * 1000, upperKw == null ? null : upperKw * 1000,
                lowerKw == null ? null : lowerKw * 1000, delay, pvShare, pvKwp * 1000, seed);
    }

    private static String table(Map<Double, Double> points, String key) {
        StringBuilder out = new StringBuilder();
        new java.util.TreeMap<>(points).forEach((x, y) -> out.append(String.format(key, x)).append(": ")
                .append(String.format("%.1f %%", y)).append("  "));
        return out.toString().strip();
    }
}
