// Draws the dashboard charts from the JSON data blocks next to each canvas. Runs on load and
// after every htmx swap; the tables under the charts hold the same numbers without JavaScript.
(function () {
  'use strict';

  var reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  var colours = ['#1d4e89', '#a4161a', '#1e6b34', '#8a5300', '#5b2a86', '#0f6f78', '#4d4d4d'];
  // Dutch formats on axes and in tooltips: "+0,5", "29.502", "31 aug – 6 sep 2026".
  var format = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  var whole = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
  var shortDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Amsterdam' });

  function noon(day) {
    return new Date(day + 'T12:00:00Z');
  }

  function dayRange(range) {
    // Plain spaces around the dash, as the pages write it.
    return range[0] === range[1] ? shortDate.format(noon(range[0])) : shortDate.formatRange(noon(range[0]), noon(range[1])).replace(/\s/g, ' ');
  }

  // A legend entry that only explains a marker: no line, no data of its own.
  function markerEntry(label, pointStyle, colour) {
    return { label: label, data: [], pointStyle: pointStyle, backgroundColor: colour, borderColor: colour, pointRadius: 8, showLine: false, marker: true };
  }

  var legendStyles = ['rect', null, 'circle', 'line'];

  function neutralLine(labels, label) {
    return {
      label: label,
      data: labels.map(function () { return 0; }),
      borderColor: '#4d4d4d',
      borderDash: [6, 4],
      borderWidth: 1.5,
      pointRadius: 0,
      fill: false,
    };
  }

  function feelingAxis() {
    return { min: -2, max: 2, ticks: { stepSize: 1, callback: function (value) { return format.format(value); } } };
  }

  var builders = {
    heartmonitor: function (data) {
      return {
        type: 'line',
        data: {
          labels: data.labels,
          datasets: [
            {
              label: data.labelsText.interval,
              data: data.high,
              borderColor: 'transparent',
              backgroundColor: 'rgba(29, 78, 137, 0.15)',
              pointRadius: 0,
              fill: '+1',
            },
            {
              label: data.labelsText.interval + ' (ondergrens)',
              data: data.low,
              borderColor: 'transparent',
              pointRadius: 0,
              fill: false,
            },
            {
              label: data.labelsText.mean,
              data: data.mean,
              borderColor: '#1d4e89',
              backgroundColor: data.dip.map(function (dip) { return dip ? '#a4161a' : '#1d4e89'; }),
              pointStyle: data.dip.map(function (dip, i) { return dip ? 'triangle' : data.momentOfTruth[i] ? 'rectRot' : 'circle'; }),
              pointRadius: data.dip.map(function (dip) { return dip ? 9 : 6; }),
              borderWidth: 3,
              spanGaps: false,
              fill: false,
            },
            neutralLine(data.labels, data.labelsText.neutral),
          ].concat(
            // The legend explains the markers on the line: a triangle is a dip, a diamond a moment of truth.
            data.dip.some(Boolean) ? [markerEntry(data.labelsText.dipMarker, 'triangle', '#a4161a')] : [],
            data.momentOfTruth.some(Boolean) ? [markerEntry(data.labelsText.momentOfTruthMarker, 'rectRot', '#1d4e89')] : []
          ),
        },
        options: {
          scales: { y: feelingAxis() },
          plugins: {
            legend: {
              labels: {
                usePointStyle: true,
                filter: function (item) { return item.datasetIndex !== 1; },
                generateLabels: function (chart) {
                  return window.Chart.defaults.plugins.legend.labels.generateLabels(chart).map(function (item) {
                    var dataset = chart.data.datasets[item.datasetIndex];
                    item.pointStyle = dataset.marker ? dataset.pointStyle : legendStyles[item.datasetIndex] || 'circle';
                    // The mean's points are coloured per step (dips red): its legend shows the line's own colour.
                    if (item.datasetIndex === 2) item.fillStyle = dataset.borderColor;
                    return item;
                  });
                },
              },
            },
            tooltip: {
              callbacks: {
                afterLabel: function (context) {
                  if (context.datasetIndex !== 2) return '';
                  var i = context.dataIndex;
                  return 'n = ' + whole.format(data.n[i]) + (data.dip[i] ? ' · ' + data.labelsText.dip : '') + (data.momentOfTruth[i] ? ' · ' + data.labelsText.momentOfTruth : '');
                },
              },
            },
          },
        },
      };
    },
    comparison: function (data) {
      var datasets = data.series.map(function (series, i) {
        return { label: series.label, data: series.data, borderColor: colours[i % colours.length], backgroundColor: colours[i % colours.length], borderWidth: 2, pointRadius: 4, fill: false };
      });
      datasets.push(neutralLine(data.labels, data.neutral));
      return { type: 'line', data: { labels: data.labels, datasets: datasets }, options: { scales: { y: feelingAxis() } } };
    },
    // One score on its own scale: the rapportcijfer 1–10 with its target line, or the effort 1–7.
    score: function (data) {
      var datasets = [{ label: data.labelsText.series, data: data.values, borderColor: '#1d4e89', backgroundColor: '#1d4e89', borderWidth: 2, spanGaps: false }];
      if (data.target !== undefined) {
        datasets.push({
          label: data.labelsText.target,
          data: data.labels.map(function () { return data.target; }),
          borderColor: '#a4161a',
          borderDash: [8, 4],
          borderWidth: 1.5,
          pointRadius: 0,
        });
      }
      return {
        type: 'line',
        data: { labels: data.labels, datasets: datasets },
        options: {
          scales: {
            y: {
              min: data.scale.min,
              max: data.scale.max,
              ticks: { stepSize: 1, callback: function (value) { return whole.format(value); } },
              title: { display: true, text: data.labelsText.axis },
            },
          },
          plugins: {
            tooltip: {
              callbacks: {
                title: function (items) {
                  var i = items[0].dataIndex;
                  return data.labels[i] + ': ' + dayRange(data.ranges[i]);
                },
                afterLabel: function (context) {
                  return context.datasetIndex === 0 ? data.labelsText.n + ': ' + whole.format(data.n[context.dataIndex]) : '';
                },
              },
            },
          },
        },
      };
    },
    // No-shows: rate per group as bars (flagged groups dark red), the period's average as a dashed line.
    'noshow-bars': function (data) {
      return {
        type: 'bar',
        data: {
          labels: data.labels,
          datasets: [
            {
              type: 'bar',
              label: data.labelsText.rate,
              data: data.rates,
              backgroundColor: data.flagged.map(function (flagged) { return flagged ? '#a4161a' : '#1d4e89'; }),
              order: 2,
            },
            averageLine(data),
          ],
        },
        options: { scales: { y: percentAxis() }, plugins: { tooltip: { callbacks: { afterLabel: nLabel(data) } } } },
      };
    },
    'noshow-trend': function (data) {
      return {
        type: 'line',
        data: {
          labels: data.labels,
          datasets: [
            { label: data.labelsText.rate, data: data.rates, borderColor: '#1d4e89', backgroundColor: '#1d4e89', borderWidth: 2, spanGaps: false, order: 2 },
            averageLine(data),
          ],
        },
        options: { scales: { y: percentAxis() }, plugins: { tooltip: { callbacks: { afterLabel: nLabel(data) } } } },
      };
    },
    // Key drivers: importance (share of the grade's differences, %) against the mean feeling per
    // step; "hier eerst verbeteren" as dark-red triangles; dashed cross-hairs at both averages.
    drivers: function (data) {
      var points = data.priority.concat(data.other);
      var right = Math.max(data.meanShare * 2, Math.max.apply(null, points.map(function (point) { return point.x; })) * 1.1, 1);
      function crossHair(label, from, to) {
        return { type: 'line', label: label, data: [from, to], borderColor: '#4d4d4d', borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, showLine: true, fill: false };
      }
      return {
        type: 'scatter',
        data: {
          datasets: [
            { label: data.labelsText.priority, data: data.priority, backgroundColor: '#a4161a', borderColor: '#a4161a', pointStyle: 'triangle', pointRadius: 9 },
            { label: data.labelsText.other, data: data.other, backgroundColor: '#1d4e89', borderColor: '#1d4e89', pointRadius: 6 },
            crossHair(data.labelsText.meanShare, { x: data.meanShare, y: -2 }, { x: data.meanShare, y: 2 }),
            crossHair(data.labelsText.meanFeeling, { x: 0, y: data.meanFeeling }, { x: right, y: data.meanFeeling }),
          ],
        },
        options: {
          scales: {
            x: { min: 0, max: Math.ceil(right), title: { display: true, text: data.labelsText.share } },
            y: Object.assign(feelingAxis(), { title: { display: true, text: data.labelsText.feeling } }),
          },
          plugins: {
            tooltip: {
              filter: function (item) { return item.datasetIndex < 2; },
              callbacks: {
                label: function (context) {
                  var point = context.raw;
                  return point.label + ': ' + Math.round(point.x) + '% · ' + format.format(point.y);
                },
              },
            },
          },
        },
      };
    },
  };

  function averageLine(data) {
    return {
      type: 'line',
      label: data.labelsText.average,
      data: data.labels.map(function () { return data.average; }),
      borderColor: '#4d4d4d',
      borderDash: [6, 4],
      borderWidth: 1.5,
      pointRadius: 0,
      fill: false,
      order: 1,
    };
  }

  function percentAxis() {
    return { min: 0, ticks: { callback: function (value) { return value + '%'; } } };
  }

  function nLabel(data) {
    return function (context) { return context.datasetIndex === 0 ? 'n = ' + data.n[context.dataIndex] : ''; };
  }

  function draw(root) {
    if (!window.Chart) return;
    // A swap removes the old canvases: destroy their charts, or they stay registered (and resizing) forever.
    Object.values(window.Chart.instances).forEach(function (chart) {
      if (!chart.canvas || !chart.canvas.isConnected) chart.destroy();
    });
    root.querySelectorAll('[data-chart]').forEach(function (figure) {
      var canvas = figure.querySelector('canvas');
      var source = figure.querySelector('script[type="application/json"]');
      var build = builders[figure.getAttribute('data-chart')];
      if (!canvas || !source || !build) return;
      var existing = window.Chart.getChart(canvas);
      if (existing) existing.destroy();
      var config = build(JSON.parse(source.textContent));
      config.options = Object.assign({ locale: 'nl-NL', responsive: true, maintainAspectRatio: false, animation: reduceMotion ? false : { duration: 300 } }, config.options);
      var chart = new window.Chart(canvas, config);
      figure.setAttribute('data-chart-ready', String(chart.id));
    });
  }

  document.addEventListener('DOMContentLoaded', function () { draw(document); });
  document.addEventListener('htmx:after:swap', function () { draw(document); });
})();
