/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "bbh-agent-account.h"

G_BEGIN_DECLS

gpointer bbh_agent_account_parse (JsonObject  *root,
                                  GError     **error);

G_END_DECLS
