package io.homegrid.gateway.community;

/**
 * How a household's battery helps its community: discharge while the community's residual load
 * (demand minus renewable supply) is above {@code upperW}, recharge while it is below
 * {@code lowerW}, and keep {@code reserve} (a share of the capacity) for the home. Setpoints move
 * by at most {@code rampWPerStep} from one step to the next. {@code fallbackUpperW} is the
 * household's own net-load limit, used while the community's signal is missing.
 */
public record ShavingSettings(double upperW, double lowerW, double reserve, double rampWPerStep,
        double fallbackUpperW) {

    public ShavingSettings {
        if (lowerW >= upperW) {
            throw new IllegalArgumentException("the recharge limit must lie below the discharge limit");
        }
        if (reserve < 0 || reserve >= 1) {
            throw new IllegalArgumentException("the reserve is a share of the capacity, from 0 to below 1");
        }
        if (rampWPerStep <= 0) {
            throw new IllegalArgumentException("a ramp limit above 0 W per step");
        }
    }
}
