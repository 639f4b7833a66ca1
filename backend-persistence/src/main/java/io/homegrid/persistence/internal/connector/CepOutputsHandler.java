package io.homegrid.persistence.internal.connector;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectReader;

import io.homegrid.model.CepOutput;
import io.homegrid.model.CommunityResidual;
import io.homegrid.model.json.Json;
import io.homegrid.persistence.internal.jdbc.JdbcCepOutputs;
import io.homegrid.persistence.internal.jdbc.JdbcCommunityResiduals;

/** Stores what the CEP engine published on cep.out: communities' residual load in a table of its own. */
public final class CepOutputsHandler implements BatchHandler {

    private static final ObjectReader READER = Json.mapper().readerFor(CepOutput.class);

    private final JdbcCepOutputs outputs;
    private final JdbcCommunityResiduals residuals;

    public CepOutputsHandler(JdbcCepOutputs outputs, JdbcCommunityResiduals residuals) {
        this.outputs = outputs;
        this.residuals = residuals;
    }

    @Override
    public void handle(List<Body> bodies) throws Exception {
        List<CepOutput> decoded = new ArrayList<>(bodies.size());
        List<CommunityResidual> communities = new ArrayList<>();
        for (Body body : bodies) {
            CepOutput output = READER.readValue(body.text());
            if (CommunityResidual.STATEMENT.equals(output.statement())) {
                communities.add(CommunityResidual.of(output));
            } else {
                decoded.add(output);
            }
        }
        if (!decoded.isEmpty()) {
            outputs.write(decoded);
        }
        if (!communities.isEmpty()) {
            residuals.write(communities);
        }
    }
}
