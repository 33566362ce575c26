// The Sluice console: polls GET /v1/console/series every second and redraws five charts.
// Every number is fleet-wide; see ConsoleSeries for what each field means.
'use strict';

(function () {
	const POLL_MILLIS = 1000;
	const SERIES_URL = 'v1/console/series';
	const COLORS = { blue: '#2563eb', orange: '#ea580c', green: '#16a34a', purple: '#7c3aed', teal: '#0d9488' };

	// Read by the browser test and handy in the devtools console: the last answer and its newest point.
	const state = { latest: null, points: [], polls: 0, errors: 0 };
	window.sluiceConsole = state;

	function secondsAxis() {
		return {
			type: 'linear',
			min: -300,
			max: 0,
			title: { display: true, text: 'seconds ago' },
			ticks: { stepSize: 60 },
		};
	}

	function valueAxis(title, extra) {
		return Object.assign({ beginAtZero: true, title: { display: true, text: title } }, extra || {});
	}

	function lineChart(id, datasets, scales) {
		return new Chart(document.getElementById(id), {
			type: 'line',
			data: {
				datasets: datasets.map((dataset) => Object.assign({
					data: [],
					borderWidth: 2,
					pointRadius: 0,
					tension: 0.2,
					spanGaps: false,
				}, dataset)),
			},
			options: {
				animation: false,
				maintainAspectRatio: false,
				interaction: { mode: 'nearest', axis: 'x', intersect: false },
				parsing: false,
				scales: Object.assign({ x: secondsAxis() }, scales),
				plugins: { legend: { display: datasets.length > 1 } },
			},
		});
	}

	const charts = {
		throughput: lineChart('throughput', [
			{ label: 'Accepted/s', field: 'accepted', borderColor: COLORS.blue },
			{ label: 'DB queries/s', field: 'dbQueries', borderColor: COLORS.orange },
		], { y: valueAxis('queries per second') }),
		queue: lineChart('queue', [
			{ label: 'Queue depth (records)', field: 'queueDepth', borderColor: COLORS.purple, yAxisID: 'y' },
			{ label: 'Queue lag (s)', field: 'queueLagSeconds', borderColor: COLORS.teal, yAxisID: 'lag' },
		], {
			y: valueAxis('records'),
			lag: valueAxis('seconds', { position: 'right', grid: { drawOnChartArea: false } }),
		}),
		latency: lineChart('latency', [
			{ label: 'End-to-end p95 (s)', field: 'endToEndP95Seconds', borderColor: COLORS.orange },
		], { y: valueAxis('seconds') }),
		cache: lineChart('cache', [
			{ label: 'Cache hit ratio (%)', field: 'cacheHitRatio', factor: 100, borderColor: COLORS.green },
		], { y: valueAxis('percent', { max: 100 }) }),
		workers: lineChart('workers', [
			{ label: 'Workers consuming', field: 'workersConsuming', borderColor: COLORS.blue, stepped: true },
		], { y: valueAxis('workers', { ticks: { precision: 0 } }) }),
	};

	const formats = {
		accepted: (v) => v + ' /s',
		dbQueries: (v) => v + ' /s',
		queueDepth: (v) => v + ' records',
		queueLagSeconds: (v) => v.toFixed(1) + ' s',
		endToEndP95Seconds: (v) => (v * 1000).toFixed(0) + ' ms',
		cacheHitRatio: (v) => (v * 100).toFixed(0) + ' %',
		workersConsuming: (v) => String(v),
	};

	function redraw(series) {
		const newest = series.points[series.points.length - 1].epochSecond;
		for (const chart of Object.values(charts)) {
			for (const dataset of chart.data.datasets) {
				dataset.data = series.points.map((point) => ({
					x: point.epochSecond - newest,
					y: point[dataset.field] === null ? null : point[dataset.field] * (dataset.factor || 1),
				}));
			}
			chart.update('none');
		}
		const latest = series.points[series.points.length - 1];
		for (const cell of document.querySelectorAll('#latest [data-field]')) {
			const value = latest[cell.dataset.field];
			cell.textContent = value === null ? 'unknown' : formats[cell.dataset.field](value);
		}
		for (const span of document.querySelectorAll('.smoothing')) {
			span.textContent = series.smoothingSeconds;
		}
		state.latest = latest;
		state.points = series.points;
	}

	function showStatus(text, stale) {
		const status = document.getElementById('status');
		status.textContent = text;
		status.classList.toggle('stale', stale);
	}

	async function poll() {
		try {
			const response = await fetch(SERIES_URL, { cache: 'no-store' });
			if (!response.ok) {
				throw new Error('HTTP ' + response.status);
			}
			redraw(await response.json());
			state.polls++;
			showStatus('Live, updated ' + new Date().toLocaleTimeString() + '.', false);
		}
		catch (error) {
			state.errors++;
			showStatus('Not updating (' + error.message + '); retrying every second.', true);
		}
		finally {
			setTimeout(poll, POLL_MILLIS);
		}
	}

	poll();
})();
