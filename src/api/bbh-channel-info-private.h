/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "bbh-channel-info.h"

G_BEGIN_DECLS

gpointer bbh_channel_info_new_from_json (JsonObject *row);

G_END_DECLS
