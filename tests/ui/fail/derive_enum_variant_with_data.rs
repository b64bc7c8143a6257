// An enum whose variant holds data: rules compare enums by the serde names of unit variants.
use auth_runtime::Claims;
use serde::Deserialize;

#[derive(Deserialize, Claims)]
#[serde(rename_all = "lowercase")]
enum Plan {
    Free,
    Paid { seats: u32 },
    Trial(u8),
}

fn main() {}
