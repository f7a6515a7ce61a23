package io.github.faultexperiment.emulator.fis;

import java.util.Map;

/** A FIS resource that TagResource, UntagResource and ListTagsForResource address by ARN. */
interface Taggable {
  String arn();

  Map<String, String> tags();

  void tag(Map<String, String> tags);

  void untag(Iterable<String> keys);
}
