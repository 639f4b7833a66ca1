package io.homegrid.persistence.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TariffTest {

    @Test
    void aFlatPriceOrOneForEachLocalHour() {
        assertThat(Tariff.parse("0.32").price(17)).isEqualTo(0.32);
        assertThat(Tariff.parse("0.32").kind()).isEqualTo(Tariff.FLAT);
        Tariff timeOfUse = Tariff.parse("0.2,0.2,0.2,0.2,0.2,0.2,0.2,0.35,0.35,0.35,0.35,0.35,0.35,0.35,0.35,0.35,0.35,"
                + "0.35,0.35,0.35,0.35,0.35,0.2,0.2");
        assertThat(timeOfUse.kind()).isEqualTo(Tariff.TIME_OF_USE);
        assertThat(timeOfUse.price(6)).isEqualTo(0.2);
        assertThat(timeOfUse.price(7)).isEqualTo(0.35);
    }

    @Test
    void anythingElseIsRefusedSayingWhatATariffIs() {
        assertThatThrownBy(() -> Tariff.parse("cheap")).hasMessageContaining("not a number: 'cheap'");
        assertThatThrownBy(() -> Tariff.parse("0.1,0.2")).hasMessageContaining("24 prices").hasMessageContaining("got 2");
        assertThatThrownBy(() -> Tariff.parse("-1")).hasMessageContaining("0 or more");
        assertThatThrownBy(() -> Tariff.parse("NaN")).hasMessageContaining("0 or more");
    }
}
