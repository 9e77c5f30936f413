# Inputs of audit-role.tf (the same as audit-role.cfn.yaml's parameters).

variable "trusted_principal_arn" {
  description = "The principal the scanner runs as: a role ARN, or an account's root ARN to let that account's IAM decide"
  type        = string
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(root|role/[\\w+=,.@/-]+|user/[\\w+=,.@/-]+)$", var.trusted_principal_arn))
    error_message = "trusted_principal_arn must be an IAM role, user or account-root ARN."
  }
}

variable "external_id" {
  description = "Optional sts:ExternalId the scanner must present (confused-deputy protection when a third party scans); empty for none"
  type        = string
  default     = ""
}

variable "role_name" {
  description = "The role's name, the same in every account so the scanner can compute its ARN"
  type        = string
  default     = "lambda-posture-audit"
}

variable "max_session_duration" {
  description = "Longest session in seconds (3600-43200); a chained role session is capped at one hour by AWS anyway"
  type        = number
  default     = 3600
  validation {
    condition     = var.max_session_duration >= 3600 && var.max_session_duration <= 43200
    error_message = "max_session_duration must be between 3600 and 43200 seconds."
  }
}
