package io.homegrid.routes.rest.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.persistence.forecast.DeviceAwareForecast;
import io.homegrid.persistence.forecast.DeviceHistory;
import io.homegrid.persistence.forecast.HistoryReader;
import io.homegrid.persistence.forecast.PersistenceForecast;
import io.homegrid.security.Caller;
import io.homegrid.security.GatewayRegistration;
import io.homegrid.security.Household;
import io.homegrid.security.Scope;

/**
 * Issue 17's demand forecast, both models side by side per step: persistence and the
 * device-aware regression, fitted at request time on the household's own last four weeks of
 * rollups (fewer slots at the finer steps, so that a fit stays under a second). A household's
 * forecast needs {@code aggregates:read} like its analyses; a community's is the sum of its
 * member households' forecasts and shows none of them.
 */
public final class HouseholdForecasts {

    static final Duration HISTORY = Duration.ofDays(28);
    /** 4 weeks at 5 minutes, 5.6 days at one minute. */
    static final int MAX_HISTORY_SLOTS = 8_064;
    private static final String POWER = "power";

    private final Access access;
    private final CommunityAccess communities;
    /** Asked on every request: in Karaf the repository comes and goes with the persistence service. */
    private final SensorDataRepository repository;
    private final Clock clock;

    public HouseholdForecasts(Access access, SensorDataRepository repository, Clock clock) {
        this.access = access;
        this.communities = new CommunityAccess(access);
        this.repository = repository;
        this.clock = clock;
    }

    public Map<String, Object> household(Caller caller, String household, String horizon, String step, String at) {
        Access.Reach reach = access.household(caller, household, Scope.AGGREGATES_READ, POWER);
        Instant now = clock.instant();
        ForecastRequest request = ForecastRequest.parse(horizon, step, at, now);
        Household known = access.control().directory().household(household).orElseThrow();
        Instant historyFrom = historyFrom(request);
        Instant earliest = reach.earliest(now);
        if (historyFrom.isBefore(earliest)) {
            // an application reads the history its grant allows, on the step's grid
            long width = request.step().width().toSeconds();
            historyFrom = Instant.ofEpochSecond(Math.floorDiv(earliest.getEpochSecond() + width - 1, width) * width);
        }
        Instant readFrom = historyFrom;
        Set<String> devices = reach.full() ? null : new LinkedHashSet<>(repository.power().powerDevices(gateways(household))
                .stream().filter(device -> reach.reads(device, POWER, Scope.AGGREGATES_READ, readFrom, now)).toList());
        Model model = model(household, known.timeZone(), devices, request, readFrom);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("household", household);
        head(answer, request, readFrom);
        answer.put("deviceAware", model.status());
        answer.put("steps", steps(request, model.persistence(), model.deviceAware()));
        return answer;
    }

    /** The community's forecast: each member household's (also those of its sub-communities), added up. */
    public Map<String, Object> community(Caller caller, String community, String horizon, String step, String at) {
        communities.reader(caller, community);
        ForecastRequest request = ForecastRequest.parse(horizon, step, at, clock.instant());
        Instant historyFrom = historyFrom(request);
        Set<String> households = new LinkedHashSet<>();
        for (String id : communities.communities().withDescendants(community)) {
            communities.communities().members(id).forEach(member -> households.add(member.household()));
        }
        int steps = request.steps();
        double[] persistence = new double[steps];
        double[] deviceAware = new double[steps];
        int forecast = 0;
        int fitted = 0;
        for (String household : households) {
            ZoneId zone = access.control().directory().household(household).map(Household::timeZone)
                    .orElse(ZoneId.of("UTC"));
            Model model = model(household, zone, null, request, historyFrom);
            if (Double.isNaN(model.persistence()[0])) {
                continue; // nothing measured yet: it adds nothing to either series
            }
            forecast++;
            fitted += model.forecast().fitted() ? 1 : 0;
            for (int k = 0; k < steps; k++) {
                persistence[k] += model.persistence()[k];
                // an unfitted member (too little history) adds its persistence, so the sum stays comparable
                deviceAware[k] += model.forecast().fitted() ? model.deviceAware()[k] : model.persistence()[k];
            }
        }
        if (forecast == 0) {
            java.util.Arrays.fill(persistence, Double.NaN);
            java.util.Arrays.fill(deviceAware, Double.NaN);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("community", community);
        head(answer, request, historyFrom);
        answer.put("households", Map.of("members", households.size(), "forecast", forecast, "deviceAwareFitted", fitted));
        answer.put("steps", steps(request, persistence, deviceAware));
        return answer;
    }

    private record Model(double[] persistence, double[] deviceAware, DeviceAwareForecast forecast) {

        Map<String, Object> status() {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("fitted", forecast.fitted());
            if (forecast.fitted()) {
                status.put("trainingSlots", forecast.trainingRows());
            } else {
                status.put("reason", forecast.unfitted());
            }
            return status;
        }
    }

    private Model model(String household, ZoneId zone, Set<String> devices, ForecastRequest request, Instant historyFrom) {
        Duration width = request.step().width();
        int slots = (int) Duration.between(historyFrom, request.from()).dividedBy(width);
        DeviceHistory history = new HistoryReader(repository.power()).read(gateways(household), devices, request.from(),
                width, slots, zone);
        int steps = request.steps();
        DeviceAwareForecast forecast = DeviceAwareForecast.fit(history, 0, history.slots(), steps);
        return new Model(PersistenceForecast.forecast(history, history.slots(), steps),
                forecast.series(history.slots(), steps), forecast);
    }

    private List<String> gateways(String household) {
        return access.control().directory().gateways(household).stream().map(GatewayRegistration::gateway).toList();
    }

    private static Instant historyFrom(ForecastRequest request) {
        Duration width = request.step().width();
        long slots = Math.min(HISTORY.dividedBy(width), MAX_HISTORY_SLOTS);
        return request.from().minus(width.multipliedBy(slots));
    }

    private static void head(Map<String, Object> answer, ForecastRequest request, Instant historyFrom) {
        answer.put("from", request.from());
        answer.put("step", request.step().id());
        answer.put("horizon", request.horizon().toString());
        answer.put("historyFrom", historyFrom);
    }

    private static List<StepView> steps(ForecastRequest request, double[] persistence, double[] deviceAware) {
        List<StepView> steps = new ArrayList<>(persistence.length);
        for (int k = 0; k < persistence.length; k++) {
            steps.add(new StepView(request.from().plus(request.step().width().multipliedBy(k)), watts(persistence[k]),
                    watts(deviceAware[k])));
        }
        return steps;
    }

    private static Double watts(double value) {
        return Double.isNaN(value) ? null : Math.round(value * 10) / 10.0;
    }

    /** One step: the mean power forecast for [time, time + step); null when a model has nothing to go on. */
    public record StepView(Instant time, Double persistenceWatts, Double deviceAwareWatts) {
    }
}
