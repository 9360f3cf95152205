package dev.vivace.query.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.annotation.Delete;
import com.linecorp.armeria.server.annotation.Get;
import com.linecorp.armeria.server.annotation.Head;
import com.linecorp.armeria.server.annotation.Options;
import com.linecorp.armeria.server.annotation.Patch;
import com.linecorp.armeria.server.annotation.Path;
import com.linecorp.armeria.server.annotation.Post;
import com.linecorp.armeria.server.annotation.Put;

/** {@code /api/echo} and {@code /api/status/buildinfo}: what Grafana's "Save & test" calls. */
final class StatusService {

  private final String buildInfoJson;

  StatusService(BuildInfo info) {
    ObjectNode node =
        new ObjectMapper()
            .createObjectNode()
            .put("version", info.version())
            .put("revision", info.revision())
            .put("branch", info.branch())
            .put("buildUser", "")
            .put("buildDate", "")
            .put("goVersion", "");
    try {
      this.buildInfoJson = new ObjectMapper().writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Any method, as in Tempo. */
  @Path("/api/echo")
  @Get
  @Post
  @Put
  @Delete
  @Head
  @Options
  @Patch
  public HttpResponse echo() {
    return HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, "echo\n");
  }

  @Get("/api/status/buildinfo")
  public HttpResponse buildInfo() {
    return HttpResponse.of(HttpStatus.OK, MediaType.JSON, buildInfoJson);
  }
}
