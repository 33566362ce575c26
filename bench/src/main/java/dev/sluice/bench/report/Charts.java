package dev.sluice.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts with every target of a run overlaid over time. */
final class Charts {

	static final List<Chart> ALL = List.of(
			new Chart("db-connections", "DB connections (pg_stat_activity)", "connections",
					(row) -> row.sample() != null ? row.sample().dbConnections() : Double.NaN),
			new Chart("db-qps", "DB queries per second (the target's execution counter)", "queries/s",
					(row) -> row.sample() != null ? row.sample().dbQps() : Double.NaN),
			new Chart("errors", "Errors per second (all kinds)", "errors/s",
					(row) -> row.users() != null ? row.users().errorCount() : 0),
			new Chart("p95-latency", "End-to-end p95 latency of requests completed that second", "ms",
					(row) -> row.users() != null && row.users().completed() > 0 ? row.users().p95() : Double.NaN));

	private Charts() {
	}

	static void write(String scenario, List<TargetRun> runs, Path directory) {
		System.setProperty("java.awt.headless", "true");
		for (Chart chart : ALL) {
			XYChart xy = new XYChartBuilder().width(1000)
				.height(450)
				.title(scenario + ": " + chart.title())
				.xAxisTitle("seconds since start")
				.yAxisTitle(chart.unit())
				.build();
			xy.getStyler().setMarkerSize(0);
			for (TargetRun run : runs) {
				List<Timeline.Row> rows = Timeline.rows(run);
				double[] x = rows.stream().mapToDouble(Timeline.Row::second).toArray();
				double[] y = rows.stream().mapToDouble(chart.value()).toArray();
				if (x.length > 0) {
					xy.addSeries(run.target(), x, y).setMarker(SeriesMarkers.NONE);
				}
			}
			try {
				BitmapEncoder.saveBitmap(xy, directory.resolve(chart.file()).toString(),
						BitmapEncoder.BitmapFormat.PNG);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write chart " + chart.file(), ex);
			}
		}
	}

	record Chart(String file, String title, String unit, ToDoubleFunction<Timeline.Row> value) {

		String png() {
			return this.file + ".png";
		}

	}

}
