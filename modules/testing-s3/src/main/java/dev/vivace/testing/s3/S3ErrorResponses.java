package dev.vivace.testing.s3;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import java.util.Locale;
import java.util.UUID;

/**
 * OSS-style error answers: the S3 XML envelope plus {@code x-oss-request-id} (spec section 5.5).
 */
final class S3ErrorResponses {

  static HttpResponse of(int status, String code, String message) {
    String requestId = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
    String body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message><RequestId>"
            + requestId
            + "</RequestId><HostId>s3.emulator.test</HostId>"
            + "</Error>";
    ResponseHeaders headers =
        ResponseHeaders.builder(HttpStatus.valueOf(status))
            .contentType(MediaType.XML_UTF_8)
            .add("x-oss-request-id", requestId)
            .add("x-amz-request-id", requestId)
            .build();
    return HttpResponse.of(headers, HttpData.ofUtf8(body));
  }

  private S3ErrorResponses() {}
}
