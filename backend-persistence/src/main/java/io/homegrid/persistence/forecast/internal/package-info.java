/** The device-aware model's parts: features, the weekday profile, device states and cycles, the regression. */
package io.homegrid.persistence.forecast.internal;
