package io.homegrid.persistence.internal.jdbc;

/** What one ingest transaction did: readings inserted, and readings dropped as already stored. */
public record WriteResult(int inserted, int duplicates) {
}
