// `#[derive(Claims)]` on a union.
use auth_runtime::Claims;

#[derive(Claims)]
union Bits {
    int: u32,
    float: f32,
}

fn main() {}
