package io.homegrid.routes.rest.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.persistence.analysis.DayView;
import io.homegrid.persistence.analysis.EnergyAnalysis;
import io.homegrid.persistence.analysis.LocalBuckets;
import io.homegrid.persistence.analysis.Tariff;
import io.homegrid.persistence.analysis.TopConsumers;
import io.homegrid.persistence.analysis.WeekdayProfile;
import io.homegrid.security.Caller;
import io.homegrid.security.GatewayRegistration;
import io.homegrid.security.Scope;

/**
 * The household analyses (issue 14): energy, the weekday profile (Figure 3), one day device by
 * device (Figure 4) and the top consumers, in the household's local time or the {@code tz} asked
 * for. Served from the rollups; readable by the household's people, operators, and applications
 * the household granted {@code aggregates:read} (on the devices and since the time it granted).
 * {@link HouseholdResource} serves them: one root resource owns {@code /api/v1/households},
 * because CXF matches a request to one root resource only.
 */
public final class HouseholdAnalyses {

    private static final String POWER = "power";
    private static final Set<LocalBuckets.Width> ENERGY_BUCKETS = Set.of(LocalBuckets.Width.QUARTER_HOUR,
            LocalBuckets.Width.HOUR, LocalBuckets.Width.DAY, LocalBuckets.Width.WEEK, LocalBuckets.Width.MONTH);
    private static final Set<LocalBuckets.Width> PROFILE_SLOTS = Set.of(LocalBuckets.Width.QUARTER_HOUR,
            LocalBuckets.Width.HALF_HOUR, LocalBuckets.Width.HOUR);
    private static final Set<LocalBuckets.Width> DAY_BUCKETS = Set.of(LocalBuckets.Width.MINUTE,
            LocalBuckets.Width.FIVE_MINUTES, LocalBuckets.Width.QUARTER_HOUR, LocalBuckets.Width.HALF_HOUR,
            LocalBuckets.Width.HOUR);
    static final int MAX_WEEKS = 104;
    /** What analyses may ask about: readings are never older, and PostgreSQL keeps no later times. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    /** Energy and consumer periods: at most about five years. */
    static final Duration MAX_PERIOD = Duration.ofDays(5 * 366);

    private final Access access;
    /** Asked on every request: in Karaf the repository comes and goes with the persistence service. */
    private final SensorDataRepository repository;
    private final Clock clock;

    public HouseholdAnalyses(Access access, SensorDataRepository repository, Clock clock) {
        this.access = access;
        this.repository = repository;
        this.clock = clock;
    }

    /** Energy in Wh per local bucket over [from, to), with what was not measured; {@code by=device} splits each bucket. */
    public EnergyAnalysis.Report energy(Caller caller, String household, String from, String to, String bucket, String tz,
            List<String> devices, String by) {
        Scoped scoped = scoped(household, caller, devices);
        Instant start = minute(required(from, "from"), "from");
        Instant end = minute(required(to, "to"), "to");
        period(start, end);
        Set<String> readable = scoped.devices(start, clock.instant());
        LocalBuckets.Width width = width(bucket, "bucket", LocalBuckets.Width.HOUR, ENERGY_BUCKETS);
        ZoneId zone = zone(tz, scoped.household());
        try {
            return inZone(() -> new EnergyAnalysis(repository.power()).energy(scoped.gateways(), readable, start, end, width,
                    zone, byDevice(by)));
        } catch (LocalBuckets.TooManyBuckets tooMany) {
            throw ApiException.badRequest("bucket", "'" + width.id() + "' cuts this period into more than "
                    + EnergyAnalysis.MAX_BUCKETS + " buckets; allowed here: " + allowed(start, end, zone));
        }
    }

    /** Figure 3: average power per weekday and local time-of-day slot over the last {@code weeks} whole weeks. */
    public WeekdayProfile.Report profile(Caller caller, String household, String weeks, String slot, String tz,
            List<String> devices, String by) {
        Scoped scoped = scoped(household, caller, devices);
        int n = QueryParams.boundedInt(weeks, "weeks", 4, MAX_WEEKS);
        ZoneId zone = zone(tz, scoped.household());
        Instant now = clock.instant();
        Set<String> readable = scoped.devices(LocalDate.ofInstant(now, zone).minusWeeks(n).atStartOfDay(zone).toInstant(), now);
        return inZone(() -> new WeekdayProfile(repository.power()).profile(scoped.gateways(), readable, n,
                width(slot, "slot", LocalBuckets.Width.QUARTER_HOUR, PROFILE_SLOTS), zone, now, byDevice(by)));
    }

    /** Figure 4: one local day, each device's power per bucket and the household's total. */
    public DayView.Report day(Caller caller, String household, String date, String bucket, String tz,
            List<String> devices) {
        Scoped scoped = scoped(household, caller, devices);
        ZoneId zone = zone(tz, scoped.household());
        LocalDate local;
        try {
            local = date == null || date.isBlank() ? LocalDate.now(clock.withZone(zone)) : LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("date", "'" + date + "' is not a date such as 2026-11-30");
        }
        if (local.getYear() < 1970 || local.getYear() >= 2200) {
            throw ApiException.badRequest("date", "must lie between 1970 and 2199");
        }
        Set<String> readable = scoped.devices(local.atStartOfDay(zone).toInstant(), clock.instant());
        try {
            return inZone(() -> new DayView(repository.power()).day(scoped.gateways(), readable, local,
                    width(bucket, "bucket", LocalBuckets.Width.FIVE_MINUTES, DAY_BUCKETS), zone));
        } catch (LocalBuckets.TooManyBuckets tooMany) {
            throw ApiException.badRequest("bucket", "'" + bucket + "' cuts this day into too many buckets; choose a wider one");
        }
    }

    /** Devices ranked by energy over [from, to), with cost at {@code tariff}, share and standby energy. */
    public TopConsumers.Report consumers(Caller caller, String household, String from, String to, String tariff,
            String tz, List<String> devices) {
        Scoped scoped = scoped(household, caller, devices);
        Instant start = minute(required(from, "from"), "from");
        Instant end = minute(required(to, "to"), "to");
        period(start, end);
        Set<String> readable = scoped.devices(start, clock.instant());
        Tariff price;
        try {
            price = Tariff.parse(required(tariff, "tariff"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("tariff", e.getMessage());
        }
        return inZone(() -> new TopConsumers(repository.power()).rank(scoped.gateways(), readable, start, end, price,
                zone(tz, scoped.household())));
    }

    /** Who asks about which household: its gateways, and the devices asked for (null: all). */
    private final class Scoped {
        private final io.homegrid.security.Household household;
        private final Access.Reach reach;
        private final List<String> gateways;
        private final Set<String> asked;

        Scoped(io.homegrid.security.Household household, Access.Reach reach, List<String> gateways, Set<String> asked) {
            this.household = household;
            this.reach = reach;
            this.gateways = gateways;
            this.asked = asked;
        }

        io.homegrid.security.Household household() {
            return household;
        }

        List<String> gateways() {
            return gateways;
        }

        /**
         * The devices the caller may read from {@code from} on (null: all of them): for an
         * application, those a grant of its names with a history that reaches back that far.
         *
         * @throws ApiException 403 when no grant reaches back that far at all
         */
        Set<String> devices(Instant from, Instant now) {
            reach.since(from, now);
            if (reach.full()) {
                return asked;
            }
            return repository.power().powerDevices(gateways).stream()
                    .filter(device -> asked == null || asked.contains(device))
                    .filter(device -> reach.reads(device, POWER, Scope.AGGREGATES_READ, from, now))
                    .collect(Collectors.toSet());
        }
    }

    private Scoped scoped(String household, Caller caller, List<String> asked) {
        Access.Reach reach = access.household(caller, household, Scope.AGGREGATES_READ, POWER);
        io.homegrid.security.Household known = access.control().directory().household(household).orElseThrow();
        List<String> gateways = access.control().directory().gateways(household).stream()
                .map(GatewayRegistration::gateway).toList();
        if (asked != null) {
            asked.forEach(device -> QueryParams.id(device, "device"));
        }
        return new Scoped(known, reach, gateways, asked == null || asked.isEmpty() ? null : Set.copyOf(asked));
    }

    /** Runs an analysis, answering 400 for a zone whose offset in the period is not whole minutes. */
    private static <T> T inZone(java.util.function.Supplier<T> analysis) {
        try {
            return analysis.get();
        } catch (LocalBuckets.UnalignedZone e) {
            throw ApiException.badRequest("tz", "its offset in this period is not a whole number of minutes (local mean"
                    + " time): ask in UTC, or about a later period");
        }
    }

    private static boolean byDevice(String by) {
        if (by == null || by.isBlank()) {
            return false;
        }
        if (!"device".equals(by.strip())) {
            throw ApiException.badRequest("by", "'" + by + "' is not a split; the only one is 'device'");
        }
        return true;
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(name, "is required");
        }
        return value;
    }

    /** An instant taken to its minute: the analyses' finest resolution. */
    private static Instant minute(String value, String name) {
        Instant time = QueryParams.instant(value, name, null).truncatedTo(ChronoUnit.MINUTES);
        if (time.isBefore(EARLIEST) || !time.isBefore(LATEST)) {
            throw ApiException.badRequest(name, "must lie between " + EARLIEST + " and " + LATEST);
        }
        return time;
    }

    private static void period(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw ApiException.badRequest("to", "must be at least a minute after 'from'");
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw ApiException.badRequest("to", "a period may be at most " + MAX_PERIOD.toDays() + " days long");
        }
    }

    private static ZoneId zone(String tz, io.homegrid.security.Household household) {
        if (tz == null || tz.isBlank()) {
            return household.timeZone();
        }
        try {
            return ZoneId.of(tz.strip());
        } catch (DateTimeException e) {
            throw ApiException.badRequest("tz", "'" + tz + "' is not an IANA time zone such as Europe/Berlin");
        }
    }

    private static LocalBuckets.Width width(String value, String name, LocalBuckets.Width absent,
            Set<LocalBuckets.Width> allowed) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        return LocalBuckets.Width.byId(value.strip()).filter(allowed::contains)
                .orElseThrow(() -> ApiException.badRequest(name, "'" + value + "' is not one of " + ids(allowed)));
    }

    private static String ids(Set<LocalBuckets.Width> widths) {
        return Arrays.stream(LocalBuckets.Width.values()).filter(widths::contains).map(LocalBuckets.Width::id)
                .collect(Collectors.joining(", "));
    }

    /** The energy buckets that cut [from, to) into few enough. */
    private static String allowed(Instant from, Instant to, ZoneId zone) {
        return Arrays.stream(LocalBuckets.Width.values()).filter(ENERGY_BUCKETS::contains).filter(width -> {
            try {
                new LocalBuckets(width, zone).boundaries(from, to, EnergyAnalysis.MAX_BUCKETS);
                return true;
            } catch (LocalBuckets.TooManyBuckets e) {
                return false;
            }
        }).map(LocalBuckets.Width::id).collect(Collectors.joining(", "));
    }
}
