/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "bbh-call-flow.h"

G_BEGIN_DECLS

gpointer bbh_call_flow_new_from_json (JsonObject *row);

G_END_DECLS
