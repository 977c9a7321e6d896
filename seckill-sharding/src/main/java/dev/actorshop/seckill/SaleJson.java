package dev.actorshop.seckill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.actorshop.seckill.SaleEntity.SaleItem;
import java.util.List;

/** The {@code items} column of the sales table: a JSON array of sale items. */
final class SaleJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<List<SaleItem>> ITEMS = new TypeReference<>() {};

  private SaleJson() {}

  static String writeItems(List<SaleItem> items) {
    try {
      return MAPPER.writeValueAsString(items);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<SaleItem> readItems(String json) {
    try {
      return MAPPER.readValue(json, ITEMS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable sale items: " + e.getOriginalMessage(), e);
    }
  }
}
