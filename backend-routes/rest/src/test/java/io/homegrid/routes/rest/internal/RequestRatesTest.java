package io.homegrid.routes.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RequestRatesTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final RequestRates rates = new RequestRates(10, 3, now::get);

    @Test
    void aBurstGoesThroughThenTheCallerWaitsForTheNextToken() {
        assertThat(rates.take("gw-1")).isZero();
        assertThat(rates.take("gw-1")).isZero();
        assertThat(rates.take("gw-1")).isZero();

        assertThat(rates.take("gw-1")).as("a tenth of a second until the next token").isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(rates.take("gw-2")).as("other identities have buckets of their own").isZero();

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(rates.take("gw-1")).isZero();
        assertThat(rates.take("gw-1")).isPositive();
    }

    @Test
    void anIdleBucketFillsUpToItsBurstOnly() {
        now.addAndGet(TimeUnit.HOURS.toNanos(1));
        for (int i = 0; i < 3; i++) {
            assertThat(rates.take("gw-1")).isZero();
        }
        assertThat(rates.take("gw-1")).isPositive();
    }
}
