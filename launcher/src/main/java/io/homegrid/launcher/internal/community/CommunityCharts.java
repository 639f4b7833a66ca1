package io.homegrid.launcher.internal.community;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The simulation's figures as PNG, drawn by JFreeChart. */
public final class CommunityCharts {

    private CommunityCharts() {
    }

    /** The community's load over the days, without and with its batteries. */
    public static void load(CommunitySimulation.Result result, int batteries, Path png) throws IOException {
        XYSeries before = new XYSeries("without batteries");
        XYSeries after = new XYSeries("with " + batteries + " batteries");
        for (int minute = 0; minute < result.beforeW().length; minute++) {
            before.add(minute / 1440.0, result.beforeW()[minute] / 1000);
            after.add(minute / 1440.0, result.afterW()[minute] / 1000);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(before);
        data.addSeries(after);
        JFreeChart chart = ChartFactory.createXYLineChart(String.format("Residual load: peak %.1f kW -> %.1f kW (%.1f %%)",
                result.peakBeforeW() / 1000, result.peakAfterW() / 1000, -result.reductionPercent()), "day", "kW", data,
                PlotOrientation.VERTICAL, true, false, false);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1400, 600);
    }

    /** A curve: peak reduction in percent against a parameter (batteries, or discharge power). */
    public static void curve(String title, String xLabel, Map<Double, Double> points, Path png) throws IOException {
        XYSeries series = new XYSeries("peak reduction");
        points.forEach(series::add);
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, "peak reduction (%)",
                new XYSeriesCollection(series), PlotOrientation.VERTICAL, false, false, false);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 500);
    }
}
