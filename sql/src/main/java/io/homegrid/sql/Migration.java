package io.homegrid.sql;

/** One packaged migration file {@code V<version>__<description>.sql} and the checksum of its text. */
record Migration(int version, String description, String file, String checksum) {
}
