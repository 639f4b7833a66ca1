package io.homegrid.persistence.analysis;

import java.time.Instant;
import java.util.List;

import io.homegrid.model.CommunityResidual;

/** Each community's residual load per minute, as the CEP engine computed it ({@code community_residual}). */
public interface CommunityResiduals {

    /** The community's minutes starting in [from, to), oldest first, at most {@code limit}. */
    List<CommunityResidual> between(String community, Instant from, Instant to, int limit);
}
