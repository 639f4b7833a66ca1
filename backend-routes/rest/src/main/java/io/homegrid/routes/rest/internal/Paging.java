package io.homegrid.routes.rest.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Pages of list answers: an answer that holds less than the whole list names where the next page
 * starts in {@code next}, an opaque cursor the client sends back as {@code ?cursor=} (with the same
 * other parameters). Lists held in memory (households, grants, statements …) resume after the last
 * item's key; time-ordered lists (readings, events, aggregates, refused readings, the audit)
 * resume at the last item's time, skipping the items of that instant already given.
 */
final class Paging {

    /** Lists held in memory: more than anyone keeps of them, so that one page is the usual answer. */
    static final int LIST_LIMIT = 1_000;
    private static final String VERSION = "1";
    private static final String SEPARATOR = "\n";

    private Paging() {
    }

    /** A page of items and the cursor of the next one, null on the last page. */
    record Page<T>(List<T> items, String next) {
    }

    /** Where a time-ordered list resumes: at {@code time}, after {@code skip} items of that very instant. */
    record TimeCursor(Instant time, int skip) {
    }

    static int limit(String value) {
        return QueryParams.boundedInt(value, "limit", LIST_LIMIT, LIST_LIMIT);
    }

    /** The page of a list held in memory, in its own order, after the item whose key the cursor names. */
    static <T> Page<T> of(List<T> all, Function<T, String> key, String cursor, int limit) {
        int start = 0;
        if (cursor != null) {
            String after = decode(cursor, 1)[0];
            start = -1;
            for (int i = 0; i < all.size(); i++) {
                if (key.apply(all.get(i)).equals(after)) {
                    start = i + 1;
                    break;
                }
            }
            if (start < 0) {
                throw ApiException.badRequest("cursor", "the item it resumes after is no longer in the list: "
                        + "start again without a cursor");
            }
        }
        int end = Math.min(all.size(), start + limit);
        List<T> items = all.subList(start, end);
        return new Page<>(List.copyOf(items), end < all.size() ? encode(key.apply(items.get(items.size() - 1))) : null);
    }

    /** {@code {"<field>":[…],"next":…}}, without {@code next} on the last page. */
    static <T> Map<String, Object> answer(String field, Page<T> page) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(field, page.items());
        if (page.next() != null) {
            answer.put("next", page.next());
        }
        return answer;
    }

    /** Shorthand: a list held in memory, paged by {@code ?cursor=&limit=}. */
    static <T> Map<String, Object> answer(String field, List<T> all, Function<T, String> key, String cursor, String limit) {
        return answer(field, of(all, key, cursor, limit(limit)));
    }

    static TimeCursor timeCursor(String cursor) {
        if (cursor == null) {
            return null;
        }
        String[] parts = decode(cursor, 2);
        try {
            int skip = Integer.parseInt(parts[1]);
            if (skip < 0) {
                throw new NumberFormatException();
            }
            return new TimeCursor(Instant.parse(parts[0]), skip);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw notACursor();
        }
    }

    /**
     * The page of a time-ordered list fetched from the cursor's instant on (or back, for a newest-first
     * list) with at least {@code limit + skip + 1} items: the items of that instant already given go.
     */
    static <T> Page<T> ofTimes(List<T> fetched, Function<T, Instant> time, TimeCursor cursor, int limit) {
        List<T> rest = new ArrayList<>(fetched);
        if (cursor != null) {
            int skipped = 0;
            while (skipped < cursor.skip() && !rest.isEmpty() && time.apply(rest.get(0)).equals(cursor.time())) {
                rest.remove(0);
                skipped++;
            }
        }
        if (rest.size() <= limit) {
            return new Page<>(List.copyOf(rest), null);
        }
        List<T> items = List.copyOf(rest.subList(0, limit));
        Instant last = time.apply(items.get(items.size() - 1));
        int sameInstant = (int) items.stream().filter(item -> time.apply(item).equals(last)).count();
        if (cursor != null && last.equals(cursor.time())) {
            sameInstant += cursor.skip();
        }
        return new Page<>(items, encode(last.toString(), Integer.toString(sameInstant)));
    }

    /** How many items to fetch for a page: the page, those of the cursor's instant to skip, and one to tell whether more follow. */
    static int fetch(TimeCursor cursor, int limit) {
        return limit + 1 + (cursor == null ? 0 : cursor.skip());
    }

    private static String encode(String... parts) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((VERSION + SEPARATOR + String.join(SEPARATOR, parts))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor, int parts) {
        try {
            String[] decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(SEPARATOR, -1);
            if (decoded.length != parts + 1 || !VERSION.equals(decoded[0])) {
                throw notACursor();
            }
            String[] values = new String[parts];
            System.arraycopy(decoded, 1, values, 0, parts);
            return values;
        } catch (IllegalArgumentException e) {
            throw notACursor();
        }
    }

    private static ApiException notACursor() {
        return ApiException.badRequest("cursor", "not a cursor this API gave: send back the 'next' of the previous page");
    }
}
