package io.homegrid.model;

/** One bundle on a gateway: its symbolic name, version and state ({@code active}, {@code resolved}, …). */
public record BundleInfo(String symbolicName, String version, String state) {
}
