package io.homegrid.persistence.forecast.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class RidgeRegressionTest {

    @Test
    void recoversAKnownLinearRelation() {
        Random random = new Random(7);
        double[][] x = new double[500][3];
        double[] y = new double[500];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {random.nextDouble() * 100, random.nextGaussian() * 5, random.nextInt(2)};
            y[i] = 12.5 + 2 * x[i][0] - 0.5 * x[i][1] + 40 * x[i][2] + random.nextGaussian() * 0.01;
        }

        RidgeRegression fit = RidgeRegression.fit(x, y, 0);

        assertThat(fit.intercept()).isCloseTo(12.5, within(0.01));
        assertThat(fit.coefficient(0)).isCloseTo(2, within(1e-4));
        assertThat(fit.coefficient(1)).isCloseTo(-0.5, within(1e-3));
        assertThat(fit.coefficient(2)).isCloseTo(40, within(0.01));
        assertThat(fit.predict(new double[] {10, 2, 1})).isCloseTo(12.5 + 20 - 1 + 40, within(0.01));
    }

    @Test
    void aConstantAndADuplicatedColumnStillFit() {
        double[][] x = new double[200][3];
        double[] y = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {i, i, 8};
            y[i] = 3 * i + 1;
        }

        RidgeRegression fit = RidgeRegression.fit(x, y, 1);

        // the duplicated columns share the weight; the constant one gets none
        assertThat(fit.coefficient(0) + fit.coefficient(1)).isCloseTo(3, within(0.01));
        assertThat(fit.coefficient(2)).isZero();
        assertThat(fit.predict(new double[] {50, 50, 8})).isCloseTo(151, within(0.5));
    }
}
