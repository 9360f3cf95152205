package dev.vivace.load;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/**
 * The services, operations and attribute values generated traces are made of: a small online shop.
 * Attribute values are built once and shared, so generating a span costs little more than its IDs.
 */
final class Vocabulary {

  record Service(String name, String language, List<String> operations, List<String> routes) {}

  static final List<Service> SERVICES =
      List.of(
          new Service(
              "frontend",
              "nodejs",
              List.of("GET /", "GET /product/{id}", "POST /cart", "GET /cart", "POST /checkout"),
              List.of("/", "/product/{id}", "/cart", "/checkout")),
          new Service(
              "checkout",
              "go",
              List.of("PlaceOrder", "prepareOrderItems", "chargeCard", "shipOrder"),
              List.of("/oteldemo.CheckoutService/PlaceOrder")),
          new Service(
              "cart",
              "dotnet",
              List.of("GetCart", "AddItem", "EmptyCart", "HGET", "HMSET"),
              List.of("/oteldemo.CartService/GetCart", "/oteldemo.CartService/AddItem")),
          new Service(
              "product-catalog",
              "go",
              List.of("GetProduct", "ListProducts", "SearchProducts", "SELECT products"),
              List.of("/oteldemo.ProductCatalogService/GetProduct")),
          new Service(
              "currency",
              "cpp",
              List.of("Convert", "GetSupportedCurrencies"),
              List.of("/oteldemo.CurrencyService/Convert")),
          new Service(
              "payment",
              "nodejs",
              List.of("Charge", "validateCard", "POST /v1/charges"),
              List.of("/oteldemo.PaymentService/Charge")),
          new Service(
              "shipping",
              "rust",
              List.of("GetQuote", "ShipOrder", "calculateQuote"),
              List.of("/oteldemo.ShippingService/GetQuote")),
          new Service(
              "email",
              "ruby",
              List.of("POST /send_order_confirmation", "render_template", "send_email"),
              List.of("/send_order_confirmation")),
          new Service(
              "recommendation",
              "python",
              List.of("ListRecommendations", "get_product_list"),
              List.of("/oteldemo.RecommendationService/ListRecommendations")),
          new Service(
              "postgres",
              "sql",
              List.of("SELECT orders", "INSERT orders", "UPDATE inventory"),
              List.of("")));

  static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
  static final long[] STATUS_CODES = {200, 200, 200, 200, 201, 204, 400, 404, 500, 503};
  static final String[] USER_AGENTS = {
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0"
        + " Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 Version/17.4"
        + " Safari/605.1.15",
    "python-requests/2.31.0",
    "Go-http-client/1.1",
    "okhttp/4.12.0"
  };
  static final String[] EXTRA_KEYS = {
    "app.user.id",
    "app.session.id",
    "app.cart.items",
    "app.product.id",
    "app.currency",
    "app.order.amount",
    "app.shipping.zip",
    "thread.name",
    "code.function",
    "code.namespace",
    "net.sock.peer.addr",
    "messaging.system",
    "feature_flag.key",
    "app.loyalty.level",
    "app.ab_test.bucket",
    "enduser.role"
  };
  static final String[] EXCEPTIONS = {
    "java.net.SocketTimeoutException",
    "io.grpc.StatusRuntimeException",
    "TimeoutError",
    "ConnectionResetError",
    "PaymentDeclined"
  };

  private Vocabulary() {}

  static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  static KeyValue kv(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }

  static KeyValue kv(String key, double value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setDoubleValue(value))
        .build();
  }

  static KeyValue kv(String key, boolean value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setBoolValue(value))
        .build();
  }
}
