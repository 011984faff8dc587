/* agent-customer-fields.h — the company's labels and choice lists for customer fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "bbh.h"

G_BEGIN_DECLS

#define AGENT_TYPE_CUSTOMER_FIELDS (agent_customer_fields_get_type ())

G_DECLARE_FINAL_TYPE (AgentCustomerFields, agent_customer_fields, AGENT, CUSTOMER_FIELDS, GObject)

/* The coded fields whose choices are asked for (getCodes codeType). */
#define AGENT_CODES_STATUS        "custStatus"
#define AGENT_CODES_TYPE          "custType"
#define AGENT_CODES_SOURCE        "custSource"
#define AGENT_CODES_SEX           "custSex"
#define AGENT_CODES_BIRTHDAY_TYPE "custBirthdayType"
#define AGENT_CODES_PHONE_TYPE    "cpType"

AgentCustomerFields *agent_customer_fields_get_for_client (BbhClient           *client);
gboolean             agent_customer_fields_get_loaded     (AgentCustomerFields *self);
char                *agent_customer_fields_dup_label      (AgentCustomerFields *self,
                                                           const char          *member);
GListModel          *agent_customer_fields_get_codes      (AgentCustomerFields *self,
                                                           const char          *code_type);
const char          *agent_customer_fields_get_code_text  (AgentCustomerFields *self,
                                                           const char          *code_type,
                                                           const char          *value);

G_END_DECLS
