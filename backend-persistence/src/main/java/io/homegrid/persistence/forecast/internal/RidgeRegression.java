package io.homegrid.persistence.forecast.internal;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Least squares with a light ridge penalty, solved by Commons Math's QR-based
 * {@link OLSMultipleLinearRegression}. Features are standardised and the target centred, so the
 * unpenalised intercept is the target's mean; the penalty is added as {@code sqrt(lambda)} rows of
 * the identity with target zero (the textbook augmentation). It keeps the fit defined when
 * features are collinear — an always-on router's state is constant, a device's power and its "on"
 * flag move together — where plain OLS would throw on a singular matrix.
 */
public final class RidgeRegression {

    private final double intercept;
    private final double[] mean;
    private final double[] scale;
    private final double[] beta;

    private RidgeRegression(double intercept, double[] mean, double[] scale, double[] beta) {
        this.intercept = intercept;
        this.mean = mean;
        this.scale = scale;
        this.beta = beta;
    }

    /**
     * @param x      rows of features
     * @param y      targets, one per row
     * @param lambda penalty in standardised units (0: plain least squares)
     */
    public static RidgeRegression fit(double[][] x, double[] y, double lambda) {
        int rows = x.length;
        int columns = x[0].length;
        double[] mean = new double[columns];
        double[] scale = new double[columns];
        for (double[] row : x) {
            for (int j = 0; j < columns; j++) {
                mean[j] += row[j] / rows;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < columns; j++) {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / rows;
            }
        }
        for (int j = 0; j < columns; j++) {
            // a constant column carries nothing: it stays in with weight zero
            scale[j] = scale[j] < 1e-12 ? 0 : Math.sqrt(scale[j]);
        }
        double yMean = 0;
        for (double v : y) {
            yMean += v / rows;
        }
        double penalty = Math.sqrt(lambda);
        double[][] design = new double[rows + columns][columns];
        double[] target = new double[rows + columns];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                design[i][j] = scale[j] == 0 ? 0 : (x[i][j] - mean[j]) / scale[j];
            }
            target[i] = y[i] - yMean;
        }
        for (int j = 0; j < columns; j++) {
            // a constant column gets a unit penalty row so the system stays full rank
            design[rows + j][j] = scale[j] == 0 ? 1 : penalty;
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.setNoIntercept(true);
        ols.newSampleData(target, design);
        return new RidgeRegression(yMean, mean, scale, ols.estimateRegressionParameters());
    }

    public double predict(double[] row) {
        double value = intercept;
        for (int j = 0; j < row.length; j++) {
            if (scale[j] != 0) {
                value += beta[j] * (row[j] - mean[j]) / scale[j];
            }
        }
        return value;
    }

    /** The weight of feature {@code j} in its own units. */
    public double coefficient(int j) {
        return scale[j] == 0 ? 0 : beta[j] / scale[j];
    }

    public double intercept() {
        double value = intercept;
        for (int j = 0; j < beta.length; j++) {
            value -= coefficient(j) * mean[j];
        }
        return value;
    }
}
