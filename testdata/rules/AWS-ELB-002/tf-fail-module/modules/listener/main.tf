variable "load_balancer_arn" {
  type = string
}

variable "redirect" {
  type = bool
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = var.load_balancer_arn
  port              = 80
  protocol          = "HTTP" # expect: AWS-ELB-002

  dynamic "default_action" {
    for_each = var.redirect ? [1] : []

    content {
      type = "redirect"

      redirect {
        port        = "443"
        protocol    = "HTTPS"
        status_code = "HTTP_301"
      }
    }
  }

  dynamic "default_action" {
    for_each = var.redirect ? [] : [1]

    content {
      type = "fixed-response"

      fixed_response {
        content_type = "text/plain"
        status_code  = "404"
      }
    }
  }
}
