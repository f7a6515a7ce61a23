package io.github.faultexperiment.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * SDK model objects as plain maps under their wire names, for the report's JSON (the models have no
 * bean getters a JSON writer could use).
 */
final class SdkMaps {
  private SdkMaps() {}

  static Map<String, Object> of(SdkPojo pojo) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = plain(field.getValueOrDefault(pojo));
      if (value != null && !(value instanceof Map<?, ?> m && m.isEmpty())) {
        map.put(field.locationName(), value);
      }
    }
    return map;
  }

  static Object plain(Object value) {
    if (value instanceof SdkPojo pojo) {
      return of(pojo);
    }
    if (value instanceof Map<?, ?> map) {
      if (map.getClass().getSimpleName().startsWith("SdkAutoConstruct")) {
        return null;
      }
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      if (list.getClass().getSimpleName().startsWith("SdkAutoConstruct")) {
        return null;
      }
      return list.stream().map(SdkMaps::plain).toList();
    }
    return value == null
        ? null
        : value instanceof Number || value instanceof Boolean ? value : value.toString();
  }
}
