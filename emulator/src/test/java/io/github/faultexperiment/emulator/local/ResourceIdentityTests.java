package io.github.faultexperiment.emulator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The identity a local target stands for")
class ResourceIdentityTests {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "arn:aws:ec2:us-east-1:123456789012:volume/vol-0a1b2c3d4e5f60718, aws:ec2:ebs-volume",
    "arn:aws:ec2:us-east-1:123456789012:vpc-endpoint/vpce-0a1b2c3d4e5f60718, aws:ec2:vpc-endpoint",
    "arn:aws:dynamodb:eu-west-1:123456789012:table/orders, aws:dynamodb:global-table",
    "arn:aws:s3:::orders-archive, aws:s3:bucket",
    "arn:aws:directconnect:us-east-1:123456789012:dxvif/dxvif-ffg1a2b3,"
        + " aws:directconnect:virtual-interface",
    "arn:aws:dsql:us-east-1:123456789012:cluster/abcdefghijklmnopqrstuvwxyz, aws:dsql:cluster",
    "arn:aws:kinesis:us-east-1:123456789012:stream/clicks, aws:kinesis:stream",
    "arn:aws:memorydb::123456789012:multiregioncluster/mrcluster-sessions,"
        + " aws:memorydb:multi-region-cluster",
    "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/shop/50dc6c495c0c9188,"
        + " aws:arc:zonal-shift-managed-resource",
    "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:"
        + "4f7c1a2b-1111-2222-3333-444455556666:autoScalingGroupName/web,"
        + " aws:ec2:autoscaling-group",
    "arn:aws:eks:us-east-1:123456789012:cluster/shop, aws:eks:cluster"
  })
  void eachResourceTypeOfTheReferenceAnApplicationTalksToHasAShape(String arn, String type) {
    assertThat(ResourceIdentity.parse(arn).type()).isEqualTo(type);
  }

  @Test
  void zonalShiftManagedResourcesAreAlsoTargetedAsSuch() {
    assertThat(
            ResourceIdentity.parse("arn:aws:eks:us-east-1:123456789012:cluster/shop")
                .alsoTargetedAs())
        .containsExactly("aws:arc:zonal-shift-managed-resource");
    assertThat(
            ResourceIdentity.parse("arn:aws:rds:us-east-1:123456789012:cluster:orders")
                .alsoTargetedAs())
        .isEmpty();
  }

  @Test
  void aMalformedIdentityIsRefusedListingTheNewShapesToo() {
    assertThatThrownBy(() -> ResourceIdentity.parse("arn:aws:s3:::Not_A_Bucket"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resource 'arn:aws:s3:::Not_A_Bucket'")
        .hasMessageContaining("arn:aws:s3:::BUCKET")
        .hasMessageContaining("arn:aws:dsql:us-east-1:123456789012:cluster/CLUSTER_ID");
  }
}
