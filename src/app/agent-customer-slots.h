/* agent-customer-slots.h — the customer list's rows over a paged model, kept across searches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "agent-customer-slot.h"
#include "agent-paged-model.h"

G_BEGIN_DECLS

#define AGENT_TYPE_CUSTOMER_SLOTS (agent_customer_slots_get_type ())

G_DECLARE_FINAL_TYPE (AgentCustomerSlots, agent_customer_slots, AGENT, CUSTOMER_SLOTS, GObject)

AgentCustomerSlots *agent_customer_slots_new       (AgentPagedModel    *model);
guint               agent_customer_slots_get_limit (AgentCustomerSlots *self);
void                agent_customer_slots_set_limit (AgentCustomerSlots *self,
                                                    guint               limit);
void                agent_customer_slots_refresh   (AgentCustomerSlots *self);

G_END_DECLS
