# The read-only audit role lambda-posture scans an account through, for Terraform (the same role
# as audit-role.cfn.yaml). Apply it in every member account, e.g. once per account provider alias:
#
#   module "lambda_posture_audit" {
#     source                = "./deploy/aws"
#     trusted_principal_arn = "arn:aws:iam::111122223333:role/lambda-posture-scanner"
#     external_id           = "" # optional
#   }
#
# The permissions are read from the shipped policy file itself, not copied, so they cannot drift
# from policy/lambda-posture-readonly.json (test/deploy/audit-role.test.ts checks the path resolves
# to it). If you vendor this file elsewhere, copy that JSON file with it and set local.policy_file.

terraform {
  required_version = ">= 1.3"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

locals {
  # The repository layout: deploy/aws/ → ../../policy/.
  policy_file = "${path.module}/../../policy/lambda-posture-readonly.json"
}

data "aws_iam_policy_document" "trust" {
  statement {
    sid     = "TrustTheScanner"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = [var.trusted_principal_arn]
    }

    # Only when an external id is given: then the role cannot be assumed without it.
    dynamic "condition" {
      for_each = var.external_id == "" ? [] : [var.external_id]
      content {
        test     = "StringEquals"
        variable = "sts:ExternalId"
        values   = [condition.value]
      }
    }
  }
}

resource "aws_iam_role" "audit" {
  name                 = var.role_name
  description          = "Read-only access for the lambda-posture security scanner"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = var.max_session_duration
  tags = {
    app = "lambda-posture"
  }
}

# The role's only permissions: the shipped read-only policy, inline, so it lives and dies with the role.
resource "aws_iam_role_policy" "readonly" {
  name   = "lambda-posture-readonly"
  role   = aws_iam_role.audit.id
  policy = file(local.policy_file)
}

output "role_arn" {
  description = "Give this to the scanner (the name is the same in every account)"
  value       = aws_iam_role.audit.arn
}
